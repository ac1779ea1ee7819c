package io.nova.platform.app.api.apikey;

import java.net.URI;

import io.nova.platform.app.api.Paging;
import io.nova.platform.core.apikey.ApiKeyRequest;
import io.nova.platform.core.apikey.IssuedApiKey;
import io.nova.platform.core.apikey.ModelApiKeyService;
import io.nova.platform.core.apikey.ModelApiKeyView;
import io.nova.platform.core.common.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants/{slug}/model-api-keys")
@Tag(name = "Model API keys", description = "Keys that callers of a tenant's model endpoints send as a bearer token; "
        + "shown once, kept in StarVault as a SHA-256 only")
class ModelApiKeyController {

    private final ModelApiKeyService keys;

    ModelApiKeyController(ModelApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "List the tenant's API keys: names and first characters, never the keys")
    PageResult<ModelApiKeyView> list(@PathVariable String slug, @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        return keys.list(slug, Paging.of(page, size));
    }

    @PostMapping
    @Operation(summary = "Issue a key; the response is the only time it is shown (not cached)")
    ResponseEntity<IssuedApiKey> create(@PathVariable String slug, @RequestBody ApiKeyRequest request) {
        IssuedApiKey issued = keys.create(slug, request);
        return ResponseEntity.created(URI.create("/api/v1/tenants/%s/model-api-keys/%s".formatted(slug,
                issued.apiKey().name()))).cacheControl(CacheControl.noStore()).body(issued);
    }

    @PostMapping("/{name}/rotate")
    @Operation(summary = "Replace a key under the same name; the old one is refused from the gateway's next refresh")
    ResponseEntity<IssuedApiKey> rotate(@PathVariable String slug, @PathVariable String name) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(keys.rotate(slug, name));
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Revoke a key")
    ResponseEntity<Void> revoke(@PathVariable String slug, @PathVariable String name) {
        keys.revoke(slug, name);
        return ResponseEntity.noContent().build();
    }
}
