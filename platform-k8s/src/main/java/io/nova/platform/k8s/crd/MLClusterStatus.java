package io.nova.platform.k8s.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MLClusterStatus {

    private Long observedGeneration;
    private List<Condition> conditions;
    private Map<String, ModuleStatus> modules;

    public MLClusterStatus() {
    }

    public MLClusterStatus(Long observedGeneration, List<Condition> conditions, Map<String, ModuleStatus> modules) {
        this.observedGeneration = observedGeneration;
        setConditions(conditions);
        setModules(modules);
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? null : new ArrayList<>(conditions);
    }

    public Map<String, ModuleStatus> getModules() {
        return modules;
    }

    public void setModules(Map<String, ModuleStatus> modules) {
        this.modules = modules == null ? null : new TreeMap<>(modules);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MLClusterStatus other && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(conditions, other.conditions) && Objects.equals(modules, other.modules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, modules);
    }

    @Override
    public String toString() {
        return "MLClusterStatus[observedGeneration=" + observedGeneration + ", conditions=" + conditions
                + ", modules=" + modules + "]";
    }
}
