package io.nova.platform.app.api.gpu;

import io.nova.platform.app.api.Paging;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.gpu.GpuModel;
import io.nova.platform.core.gpu.GpuModelCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/gpu-models")
@Tag(name = "GPU models", description = "The catalog of GPU models with their MIG profiles and layouts")
class GpuModelController {

    private final GpuModelCatalog catalog;

    GpuModelController(GpuModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "List GPU models")
    PageResult<GpuModel> list(@RequestParam(required = false) Integer page,
                              @RequestParam(required = false) Integer size) {
        return PageResult.of(catalog.all(), Paging.of(page, size));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one GPU model, e.g. H100-80GB")
    GpuModel get(@PathVariable String id) {
        return catalog.find(id).orElseThrow(() -> new NotFoundException("GPU model", id));
    }
}
