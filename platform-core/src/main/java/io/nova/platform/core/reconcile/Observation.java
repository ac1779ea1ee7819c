package io.nova.platform.core.reconcile;

import java.util.ArrayList;
import java.util.List;

import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.core.serving.ModelDeploymentStatusReport;

/** What a reconcile saw of its tools and served models in the cluster (or, out of reach, in Git). */
public record Observation(List<ModuleStatusReport> modules, List<ModelDeploymentStatusReport> models) {

    public static Observation none() {
        return new Observation(List.of(), List.of());
    }

    public Observation and(Observation other) {
        var allModules = new ArrayList<>(modules);
        allModules.addAll(other.modules);
        var allModels = new ArrayList<>(models);
        allModels.addAll(other.models);
        return new Observation(allModules, allModels);
    }
}
