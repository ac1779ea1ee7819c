package io.nova.platform.app.api.serving;

import io.nova.platform.core.serving.ModelConfigFacts;
import io.nova.platform.core.serving.ModelConfigRequest;
import io.nova.platform.core.serving.ModelFactsService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Model deployments")
class ModelFactsController {

    private final ModelFactsService facts;

    ModelFactsController(ModelFactsService facts) {
        this.facts = facts;
    }

    @PostMapping("/api/v1/model-facts")
    @Operation(summary = "The planner's facts of a model outside the catalog, from its config.json (and its "
            + "model.safetensors.index.json for the exact parameter count): give them as `facts` of a model "
            + "deployment. Quantised checkpoints name their precision. Nothing is stored")
    ModelConfigFacts fromConfig(@RequestBody ModelConfigRequest request) {
        return facts.fromConfig(request);
    }
}
