package io.nova.platform.k8s.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PrinterColumn;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MLInfrastructureStatus {

    private Long observedGeneration;
    private List<Condition> conditions;
    @PrinterColumn(name = "GPU-Operator")
    @JsonPropertyDescription("The state the GPU Operator's ClusterPolicy reports")
    private String gpuOperatorState;
    private Map<String, PoolStatus> pools;

    public MLInfrastructureStatus() {
    }

    public MLInfrastructureStatus(Long observedGeneration, List<Condition> conditions, String gpuOperatorState,
            Map<String, PoolStatus> pools) {
        this.observedGeneration = observedGeneration;
        setConditions(conditions);
        this.gpuOperatorState = gpuOperatorState;
        setPools(pools);
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

    public String getGpuOperatorState() {
        return gpuOperatorState;
    }

    public void setGpuOperatorState(String gpuOperatorState) {
        this.gpuOperatorState = gpuOperatorState;
    }

    public Map<String, PoolStatus> getPools() {
        return pools;
    }

    public void setPools(Map<String, PoolStatus> pools) {
        this.pools = pools == null ? null : new TreeMap<>(pools);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MLInfrastructureStatus other
                && Objects.equals(observedGeneration, other.observedGeneration)
                && Objects.equals(conditions, other.conditions)
                && Objects.equals(gpuOperatorState, other.gpuOperatorState) && Objects.equals(pools, other.pools);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, gpuOperatorState, pools);
    }

    @Override
    public String toString() {
        return "MLInfrastructureStatus[observedGeneration=" + observedGeneration + ", conditions=" + conditions
                + ", gpuOperatorState=" + gpuOperatorState + ", pools=" + pools + "]";
    }
}
