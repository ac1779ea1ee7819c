package io.nova.platform.core.serving;

import io.nova.platform.core.access.AccessControl;
import org.springframework.stereotype.Service;

/** Facts of a model outside the catalog, from its config files: a calculation, nothing is stored. */
@Service
public class ModelFactsService {

    private final AccessControl access;

    public ModelFactsService(AccessControl access) {
        this.access = access;
    }

    public ModelConfigFacts fromConfig(ModelConfigRequest request) {
        access.requireAnyRole();
        return ModelConfigFacts.read(request == null ? null : request.config(),
                request == null ? null : request.safetensorsIndex());
    }
}
