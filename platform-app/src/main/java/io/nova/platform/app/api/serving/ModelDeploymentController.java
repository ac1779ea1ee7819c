package io.nova.platform.app.api.serving;

import io.nova.platform.app.api.ApiExamples;
import io.nova.platform.app.api.ETags;
import io.nova.platform.app.api.Paging;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.serving.CoLocationPlan;
import io.nova.platform.core.serving.CoLocationSpec;
import io.nova.platform.core.serving.ModelDeploymentService;
import io.nova.platform.core.serving.ModelDeploymentSpec;
import io.nova.platform.core.serving.ModelDeploymentView;
import io.nova.platform.core.serving.ModelPlan;
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
@RequestMapping("/api/v1/tenants/{slug}/model-deployments")
@Tag(name = "Model deployments", description = "LLMs served for a tenant on a GPU pool, planned over GPUs and nodes")
class ModelDeploymentController {

    private final ModelDeploymentService deployments;

    ModelDeploymentController(ModelDeploymentService deployments) {
        this.deployments = deployments;
    }

    @GetMapping
    @Operation(summary = "List a tenant's model deployments")
    PageResult<ModelDeploymentView> list(@PathVariable String slug, @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size) {
        return deployments.list(slug, Paging.of(page, size));
    }

    @PostMapping("/plan")
    @Operation(summary = "Plan a model deployment without saving it: tensor/pipeline parallel sizes, GPUs and the "
            + "memory arithmetic; 422 with the plan's problems and alternatives when it cannot fit",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "Qwen2.5-Coder-14B on four T4 nodes", value = ApiExamples.MODEL_DEPLOYMENT))))
    ModelPlan plan(@PathVariable String slug, @RequestBody ModelDeploymentSpec spec) {
        return deployments.plan(slug, spec);
    }

    @PostMapping("/co-location-plan")
    @Operation(summary = "Plan several models together on one time-sliced pool without saving anything: each one's "
            + "pipeline stages and share of every GPU (create each with that gpuShare), and what every GPU holds; 422 "
            + "with the shortfall per GPU and the largest context, concurrency or lighter precision that fits",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "Two Qwen models on four T4 nodes", value = ApiExamples.CO_LOCATION))))
    CoLocationPlan coLocationPlan(@PathVariable String slug, @RequestBody CoLocationSpec spec) {
        return deployments.coLocationPlan(slug, spec);
    }

    @PostMapping
    @Operation(summary = "Create a model deployment (planned first; 422 when it cannot fit, 409 when the serving "
            + "module is not enabled)",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples =
                    @ExampleObject(name = "Qwen2.5-Coder-14B on four T4 nodes", value = ApiExamples.MODEL_DEPLOYMENT))))
    ResponseEntity<ModelDeploymentView> create(@PathVariable String slug, @RequestBody ModelDeploymentSpec spec) {
        ModelDeploymentView view = deployments.create(slug, spec);
        return ETags.created(view, view.resourceVersion(), view.name());
    }

    @GetMapping("/{name}")
    @Operation(summary = "Read a model deployment with its plan and phase")
    ResponseEntity<ModelDeploymentView> get(@PathVariable String slug, @PathVariable String name) {
        ModelDeploymentView view = deployments.get(slug, name);
        return ETags.ok(view, view.resourceVersion());
    }

    @PutMapping("/{name}")
    @Operation(summary = "Change a model deployment (planned again); If-Match guards against lost updates")
    ResponseEntity<ModelDeploymentView> update(@PathVariable String slug, @PathVariable String name,
                                               @RequestBody ModelDeploymentSpec spec,
                                               @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        ModelDeploymentView view = deployments.update(slug, name, spec, ETags.expectedVersion(ifMatch));
        return ETags.ok(view, view.resourceVersion());
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a model deployment; the next reconcile removes its objects")
    ResponseEntity<Void> delete(@PathVariable String slug, @PathVariable String name,
                                @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        deployments.delete(slug, name, ETags.expectedVersion(ifMatch));
        return ResponseEntity.noContent().build();
    }
}
