package io.nova.platform.app.api.tenant;

import io.nova.platform.app.api.ApiExamples;
import io.nova.platform.app.api.ETags;
import io.nova.platform.app.api.Paging;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.quota.GpuQuotaService;
import io.nova.platform.core.quota.GpuQuotaSpec;
import io.nova.platform.core.quota.GpuQuotaView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants/{slug}/gpu-quotas")
@Tag(name = "GPU quotas", description = "A tenant's guaranteed and limit share of a GPU pool")
class GpuQuotaController {

    private final GpuQuotaService quotas;

    GpuQuotaController(GpuQuotaService quotas) {
        this.quotas = quotas;
    }

    @GetMapping
    @Operation(summary = "List a tenant's GPU quotas")
    PageResult<GpuQuotaView> list(@PathVariable String slug, @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        return quotas.list(slug, Paging.of(page, size));
    }

    @GetMapping("/{pool}")
    @Operation(summary = "Read a tenant's quota on one pool")
    ResponseEntity<GpuQuotaView> get(@PathVariable String slug, @PathVariable String pool) {
        GpuQuotaView view = quotas.get(slug, pool);
        return ETags.ok(view, view.resourceVersion());
    }

    @PutMapping("/{pool}")
    @Operation(summary = "Set a tenant's quota on a pool (201 when new); 409 when guarantees would exceed capacity",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "one resource", value = ApiExamples.QUOTA_SINGLE),
                    @ExampleObject(name = "MIG mixed", value = ApiExamples.QUOTA_MULTI)})))
    ResponseEntity<GpuQuotaView> put(@PathVariable String slug, @PathVariable String pool,
                                     @RequestBody GpuQuotaSpec spec,
                                     @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        var result = quotas.put(slug, pool, spec, ETags.expectedVersion(ifMatch));
        return ETags.put(result.quota(), result.quota().resourceVersion(), result.created());
    }

    @DeleteMapping("/{pool}")
    @Operation(summary = "Remove a tenant's quota on a pool")
    ResponseEntity<Void> delete(@PathVariable String slug, @PathVariable String pool,
                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        quotas.delete(slug, pool, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
