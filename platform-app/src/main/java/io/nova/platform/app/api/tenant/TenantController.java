package io.nova.platform.app.api.tenant;

import io.nova.platform.app.api.ApiExamples;
import io.nova.platform.app.api.ETags;
import io.nova.platform.app.api.Paging;
import io.nova.platform.core.audit.AuditEntry;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.tenant.TenantFilter;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.tenant.TenantSpec;
import io.nova.platform.core.tenant.TenantView;
import io.nova.platform.core.tenant.TenantViewCache;
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
import org.springframework.web.context.request.WebRequest;

@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants", description = "Teams: namespace, owner groups and CPU/memory/storage quota")
class TenantController {

    private final TenantService tenants;
    private final TenantViewCache views;

    TenantController(TenantService tenants, TenantViewCache views) {
        this.views = views;
        this.tenants = tenants;
    }

    @GetMapping
    @Operation(summary = "List tenants, optionally of one cluster or matching a text; sorted by slug unless `sort` "
            + "names slug, displayName, cluster, createdAt or updatedAt (append `,desc` to reverse)")
    PageResult<TenantView> list(@RequestParam(required = false) String cluster,
                                @RequestParam(required = false) String q,
                                @RequestParam(required = false) String sort,
                                @RequestParam(required = false) Integer page,
                                @RequestParam(required = false) Integer size) {
        return tenants.list(new TenantFilter(q, cluster, sort), Paging.of(page, size));
    }

    @GetMapping("/{slug}/events")
    @Operation(summary = "The tenant's history (the tenant, its quotas, modules and model deployments), newest first; "
            + "for the tenant's admins too")
    PageResult<AuditEntry> events(@PathVariable String slug, @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        return tenants.events(slug, Paging.of(page, size));
    }

    /**
     * The hottest read: a plain body with the ETag set through the request, which answers {@code If-None-Match} with
     * 304 as a {@code ResponseEntity} would, without the entity's extra flush of the response.
     */
    @GetMapping("/{slug}")
    @Operation(summary = "Read a tenant")
    TenantView get(@PathVariable String slug, WebRequest request) {
        TenantView view = views.get(slug);
        return request.checkNotModified(ETags.of(view.resourceVersion())) ? null : view;
    }

    @PostMapping
    @Operation(summary = "Create a tenant", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(examples = @ExampleObject(name = "team", value = ApiExamples.TENANT))))
    ResponseEntity<TenantView> create(@RequestBody TenantSpec spec) {
        TenantView view = tenants.create(spec);
        return ETags.created(view, view.resourceVersion(), view.slug());
    }

    @PutMapping("/{slug}")
    @Operation(summary = "Replace a tenant's settings; slug, namespace and cluster are immutable")
    ResponseEntity<TenantView> update(@PathVariable String slug, @RequestBody TenantSpec spec,
                                      @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        TenantView view = tenants.update(slug, spec, ETags.expectedVersion(ifMatch));
        return ETags.ok(view, view.resourceVersion());
    }

    @DeleteMapping("/{slug}")
    @Operation(summary = "Delete a tenant with its quotas; 409 while it has enabled modules")
    ResponseEntity<Void> delete(@PathVariable String slug,
                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        tenants.delete(slug, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
