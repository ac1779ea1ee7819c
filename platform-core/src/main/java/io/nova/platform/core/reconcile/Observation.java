package io.nova.platform.core.reconcile;

import java.util.ArrayList;
import java.util.List;

import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.core.serving.ModelDeploymentStatusReport;

/**
 * What a reconcile saw of its tools and served models in the cluster (or, out of reach, in Git), and notes on the
 * cluster as a whole (such as an agent that has not reported).
 */
public record Observation(List<ModuleStatusReport> modules, List<ModelDeploymentStatusReport> models,
                          List<String> notes) {

    public Observation {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public Observation(List<ModuleStatusReport> modules, List<ModelDeploymentStatusReport> models) {
        this(modules, models, List.of());
    }

    public static Observation none() {
        return new Observation(List.of(), List.of());
    }

    public Observation and(Observation other) {
        var allModules = new ArrayList<>(modules);
        allModules.addAll(other.modules);
        var allModels = new ArrayList<>(models);
        allModels.addAll(other.models);
        var allNotes = new ArrayList<>(notes);
        other.notes.stream().filter(note -> !allNotes.contains(note)).forEach(allNotes::add);
        return new Observation(allModules, allModels, allNotes);
    }
}
