package io.nova.platform.k8s.crd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MLInfrastructureSpec {

    @Required
    @PrinterColumn(name = "Cluster")
    private String cluster;
    @JsonPropertyDescription("The NVIDIA GPU Operator; installed unless disabled")
    private ComponentSpec gpuOperator;
    @JsonPropertyDescription("Node Feature Discovery; installed unless disabled")
    private ComponentSpec nodeFeatureDiscovery;
    private DcgmSpec dcgmExporter;
    private List<GpuPoolSpec> pools;

    public MLInfrastructureSpec() {
    }

    public MLInfrastructureSpec(String cluster, ComponentSpec gpuOperator, ComponentSpec nodeFeatureDiscovery,
            DcgmSpec dcgmExporter, List<GpuPoolSpec> pools) {
        this.cluster = cluster;
        this.gpuOperator = gpuOperator;
        this.nodeFeatureDiscovery = nodeFeatureDiscovery;
        this.dcgmExporter = dcgmExporter;
        setPools(pools);
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    public ComponentSpec getGpuOperator() {
        return gpuOperator;
    }

    public void setGpuOperator(ComponentSpec gpuOperator) {
        this.gpuOperator = gpuOperator;
    }

    public ComponentSpec getNodeFeatureDiscovery() {
        return nodeFeatureDiscovery;
    }

    public void setNodeFeatureDiscovery(ComponentSpec nodeFeatureDiscovery) {
        this.nodeFeatureDiscovery = nodeFeatureDiscovery;
    }

    public DcgmSpec getDcgmExporter() {
        return dcgmExporter;
    }

    public void setDcgmExporter(DcgmSpec dcgmExporter) {
        this.dcgmExporter = dcgmExporter;
    }

    public List<GpuPoolSpec> getPools() {
        return pools;
    }

    public void setPools(List<GpuPoolSpec> pools) {
        this.pools = pools == null ? null : new ArrayList<>(pools);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MLInfrastructureSpec other && Objects.equals(cluster, other.cluster)
                && Objects.equals(gpuOperator, other.gpuOperator)
                && Objects.equals(nodeFeatureDiscovery, other.nodeFeatureDiscovery)
                && Objects.equals(dcgmExporter, other.dcgmExporter) && Objects.equals(pools, other.pools);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cluster, gpuOperator, nodeFeatureDiscovery, dcgmExporter, pools);
    }

    @Override
    public String toString() {
        return "MLInfrastructureSpec[cluster=" + cluster + ", gpuOperator=" + gpuOperator + ", nodeFeatureDiscovery="
                + nodeFeatureDiscovery + ", dcgmExporter=" + dcgmExporter + ", pools=" + pools + "]";
    }
}
