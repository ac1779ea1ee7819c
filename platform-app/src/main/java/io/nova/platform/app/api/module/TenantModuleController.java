package io.nova.platform.app.api.module;

import java.util.List;

import io.nova.platform.app.api.ApiExamples;
import io.nova.platform.app.api.ETags;
import io.nova.platform.app.api.Paging;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.identity.ClientSecretRotation;
import io.nova.platform.core.identity.CredentialRotation;
import io.nova.platform.core.identity.ToolCredentialView;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModuleInstallSpec;
import io.nova.platform.core.module.ModuleInstallView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants/{slug}/modules")
@Tag(name = "Tenant modules", description = "ML tools switched on for a tenant")
class TenantModuleController {

    private final ModuleInstallService installs;
    private final ClientSecretRotation rotation;
    private final CredentialRotation credentials;

    TenantModuleController(ModuleInstallService installs, ClientSecretRotation rotation,
                           CredentialRotation credentials) {
        this.installs = installs;
        this.rotation = rotation;
        this.credentials = credentials;
    }

    @GetMapping
    @Operation(summary = "List a tenant's module installs")
    PageResult<ModuleInstallView> list(@PathVariable String slug, @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return installs.listForTenant(slug, Paging.of(page, size));
    }

    @GetMapping("/{key}")
    @Operation(summary = "Read a tenant's module install with its phase")
    ResponseEntity<ModuleInstallView> get(@PathVariable String slug, @PathVariable String key) {
        ModuleInstallView view = installs.getForTenant(slug, key);
        return ETags.ok(view, view.resourceVersion());
    }

    @PutMapping("/{key}")
    @Operation(summary = "Switch a module on or off, pick its version and values (201 when new)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "MLflow with MinIO", value = ApiExamples.MODULE_INSTALL))))
    ResponseEntity<ModuleInstallView> put(@PathVariable String slug, @PathVariable String key,
                                          @RequestBody ModuleInstallSpec spec,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        var result = installs.putForTenant(slug, key, spec, ETags.expectedVersion(ifMatch));
        return ETags.put(result.install(), result.install().resourceVersion(), result.created());
    }

    @DeleteMapping("/{key}")
    @Operation(summary = "Remove a module install; 409 while an enabled module depends on it")
    ResponseEntity<Void> delete(@PathVariable String slug, @PathVariable String key,
                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        installs.deleteForTenant(slug, key, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{key}/rotate-client-secret")
    @Operation(summary = "Replace the tool's OIDC client secret in Vault (the response never contains it); "
            + "409 when the tool has no web UI, is switched off, or Vault is not configured")
    ResponseEntity<Void> rotateClientSecret(@PathVariable String slug, @PathVariable String key) {
        rotation.rotate(slug, key);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{key}/credentials")
    @Operation(summary = "The credentials the platform generated for the tool: Secret names, keys and Vault paths, "
            + "never values")
    List<ToolCredentialView> credentials(@PathVariable String slug, @PathVariable String key) {
        return credentials.list(slug, key);
    }

    @PostMapping("/{key}/credentials/{secret}/rotate")
    @Operation(summary = "Give a generated credential new values in Vault (the response never contains them); the "
            + "tenant's secret store brings them into the namespace on its next refresh. 404 for a credential the "
            + "tool does not have, 409 when the tool is switched off or Vault is not configured")
    ResponseEntity<Void> rotateCredential(@PathVariable String slug, @PathVariable String key,
                                          @PathVariable String secret) {
        credentials.rotate(slug, key, secret);
        return ResponseEntity.noContent().build();
    }
}
