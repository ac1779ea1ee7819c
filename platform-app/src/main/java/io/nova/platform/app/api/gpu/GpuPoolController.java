package io.nova.platform.app.api.gpu;

import io.nova.platform.app.api.ApiExamples;
import io.nova.platform.app.api.ETags;
import io.nova.platform.app.api.Paging;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.gpu.GpuPoolSpec;
import io.nova.platform.core.gpu.GpuPoolView;
import io.nova.platform.core.gpu.PoolPreview;
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
@RequestMapping("/api/v1/gpu-pools")
@Tag(name = "GPU pools", description = "Sets of GPU nodes and how they are shared; capacity is derived")
class GpuPoolController {

    private final GpuPoolService pools;

    GpuPoolController(GpuPoolService pools) {
        this.pools = pools;
    }

    @GetMapping
    @Operation(summary = "List GPU pools, optionally of one cluster")
    PageResult<GpuPoolView> list(@RequestParam(required = false) String cluster,
                                 @RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer size) {
        return pools.list(cluster, Paging.of(page, size));
    }

    @GetMapping("/{name}")
    @Operation(summary = "Read a GPU pool with its capacity")
    ResponseEntity<GpuPoolView> get(@PathVariable String name) {
        GpuPoolView view = pools.get(name);
        return ETags.ok(view, view.resourceVersion());
    }

    @PostMapping
    @Operation(summary = "Create a GPU pool", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @Content(examples = {
                    @ExampleObject(name = "MIG", value = ApiExamples.POOL_MIG),
                    @ExampleObject(name = "time-slicing", value = ApiExamples.POOL_TIME_SLICING)})))
    ResponseEntity<GpuPoolView> create(@RequestBody GpuPoolSpec spec) {
        GpuPoolView view = pools.create(spec);
        return ETags.created(view, view.resourceVersion(), view.name());
    }

    @PostMapping("/preview")
    @Operation(summary = "What a pool spec would offer (resource names and counts) or why it cannot be saved; saves "
            + "nothing. With `replacing`, also checks that the tenants' guarantees on that pool would still fit")
    PoolPreview preview(@RequestBody GpuPoolSpec spec, @RequestParam(required = false) String replacing) {
        return pools.preview(spec, replacing);
    }

    @PutMapping("/{name}")
    @Operation(summary = "Replace a GPU pool; 409 when the change takes away GPUs that tenants are guaranteed")
    ResponseEntity<GpuPoolView> update(@PathVariable String name, @RequestBody GpuPoolSpec spec,
                                       @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        GpuPoolView view = pools.update(name, spec, ETags.expectedVersion(ifMatch));
        return ETags.ok(view, view.resourceVersion());
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a GPU pool; 409 while tenants hold quotas on it")
    ResponseEntity<Void> delete(@PathVariable String name,
                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        pools.delete(name, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
