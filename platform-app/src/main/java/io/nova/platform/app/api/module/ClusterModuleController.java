package io.nova.platform.app.api.module;

import io.nova.platform.app.api.ETags;
import io.nova.platform.app.api.Paging;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModuleInstallSpec;
import io.nova.platform.core.module.ModuleInstallView;
import io.swagger.v3.oas.annotations.Operation;
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
@RequestMapping("/api/v1/cluster-modules")
@Tag(name = "Cluster modules", description = "Cluster-wide components: GPU Operator, NFD, monitoring, security")
class ClusterModuleController {

    private final ModuleInstallService installs;

    ClusterModuleController(ModuleInstallService installs) {
        this.installs = installs;
    }

    @GetMapping
    @Operation(summary = "List cluster module installs, optionally of one cluster")
    PageResult<ModuleInstallView> list(@RequestParam(required = false) String cluster,
                                       @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return installs.listForClusters(cluster, Paging.of(page, size));
    }

    @GetMapping("/{cluster}/{key}")
    @Operation(summary = "Read a cluster module install")
    ResponseEntity<ModuleInstallView> get(@PathVariable String cluster, @PathVariable String key) {
        ModuleInstallView view = installs.getForCluster(cluster, key);
        return ETags.ok(view, view.resourceVersion());
    }

    @PutMapping("/{cluster}/{key}")
    @Operation(summary = "Switch a cluster module on or off (201 when new)")
    ResponseEntity<ModuleInstallView> put(@PathVariable String cluster, @PathVariable String key,
                                          @RequestBody ModuleInstallSpec spec,
                                          @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        var result = installs.putForCluster(cluster, key, spec, ETags.expectedVersion(ifMatch));
        return ETags.put(result.install(), result.install().resourceVersion(), result.created());
    }

    @DeleteMapping("/{cluster}/{key}")
    @Operation(summary = "Remove a cluster module install")
    ResponseEntity<Void> delete(@PathVariable String cluster, @PathVariable String key,
                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        installs.deleteForCluster(cluster, key, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
