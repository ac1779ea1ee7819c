package io.nova.platform.core.cluster;

import io.nova.platform.core.common.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

/** A Kubernetes cluster the platform manages. */
@Entity
@Table(name = "cluster")
public class Cluster extends VersionedEntity {

    @Column(nullable = false, updatable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "delivery_mode", nullable = false)
    private DeliveryMode deliveryMode;

    @Column(name = "api_server")
    private String apiServer;

    @Column(name = "credentials_ref")
    private String credentialsRef;

    @Embedded
    private GitOpsTarget gitops;

    @Embedded
    private ClusterSync sync;

    protected Cluster() {
    }

    Cluster(String name) {
        this.name = name;
    }

    void apply(ClusterSpec spec) {
        deliveryMode = spec.deliveryMode();
        apiServer = spec.apiServer();
        credentialsRef = spec.credentialsRef();
        gitops = spec.gitops();
    }

    public String name() {
        return name;
    }

    public DeliveryMode deliveryMode() {
        return deliveryMode;
    }

    public String apiServer() {
        return apiServer;
    }

    public String credentialsRef() {
        return credentialsRef;
    }

    public GitOpsTarget gitops() {
        return gitops;
    }

    public ClusterSync sync() {
        return sync == null ? new ClusterSync(SyncState.PENDING, null, null, null, null) : sync;
    }
}
