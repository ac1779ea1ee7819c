package io.nova.platform.app.api.module;

import io.nova.platform.app.api.Paging;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleDefinition;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/modules")
@Tag(name = "Module catalog", description = "The ML tools and cluster components the platform can install")
class ModuleCatalogController {

    private final ModuleCatalog catalog;

    ModuleCatalogController(ModuleCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "List catalog modules")
    PageResult<ModuleDefinition> list(@RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size) {
        return PageResult.of(catalog.all(), Paging.of(page, size));
    }

    @GetMapping("/{key}")
    @Operation(summary = "Read one catalog module, e.g. mlflow")
    ModuleDefinition get(@PathVariable String key) {
        return catalog.find(key).orElseThrow(() -> new NotFoundException("Module", key));
    }
}
