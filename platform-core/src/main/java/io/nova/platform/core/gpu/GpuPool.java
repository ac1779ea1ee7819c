package io.nova.platform.core.gpu;

import java.util.Map;

import io.nova.platform.core.cluster.Cluster;
import io.nova.platform.core.common.JsonColumns;
import io.nova.platform.core.common.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** A set of identical GPU nodes in one cluster, shared in one way. */
@Entity
@Table(name = "gpu_pool")
public class GpuPool extends VersionedEntity {

    @Column(nullable = false, updatable = false)
    private String name;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "cluster_id", nullable = false, updatable = false)
    private Cluster cluster;

    @Column(name = "gpu_model", nullable = false)
    private String gpuModel;

    @Column(name = "node_count", nullable = false)
    private int nodeCount;

    @Column(name = "gpus_per_node", nullable = false)
    private int gpusPerNode;

    @Column(name = "node_selector", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = JsonColumns.StringMap.class)
    private Map<String, String> nodeSelector;

    @Enumerated(EnumType.STRING)
    @Column(name = "sharing_mode", nullable = false)
    private SharingMode sharingMode;

    @Column(name = "ts_replicas")
    private Integer replicas;

    @Column(name = "ts_rename_by_default")
    private Boolean renameByDefault;

    @Column(name = "ts_fail_requests_greater_than_one")
    private Boolean failRequestsGreaterThanOne;

    @Enumerated(EnumType.STRING)
    @Column(name = "mig_strategy")
    private MigStrategy migStrategy;

    @Column(name = "mig_layout")
    private String migLayout;

    @Column(name = "mig_devices")
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = JsonColumns.IntegerMap.class)
    private Map<String, Integer> migDevices;

    protected GpuPool() {
    }

    GpuPool(String name, Cluster cluster) {
        this.name = name;
        this.cluster = cluster;
    }

    /** {@code sharing} must already be validated and normalized. */
    void apply(String gpuModel, int nodeCount, int gpusPerNode, Map<String, String> nodeSelector, GpuSharing sharing) {
        this.gpuModel = gpuModel;
        this.nodeCount = nodeCount;
        this.gpusPerNode = gpusPerNode;
        this.nodeSelector = nodeSelector;
        this.sharingMode = sharing.mode();
        this.replicas = sharing.replicas();
        this.renameByDefault = sharing.renameByDefault();
        this.failRequestsGreaterThanOne = sharing.failRequestsGreaterThanOne();
        this.migStrategy = sharing.migStrategy();
        this.migLayout = sharing.migLayout();
        this.migDevices = sharing.migDevices();
    }

    public String name() {
        return name;
    }

    public Cluster cluster() {
        return cluster;
    }

    public String gpuModel() {
        return gpuModel;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public int gpusPerNode() {
        return gpusPerNode;
    }

    public int totalGpus() {
        return nodeCount * gpusPerNode;
    }

    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    public GpuSharing sharing() {
        return new GpuSharing(sharingMode, replicas, renameByDefault, failRequestsGreaterThanOne, migStrategy,
                migLayout, migDevices);
    }
}
