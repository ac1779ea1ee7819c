package io.nova.platform.core.apikey;

import java.time.Instant;

import io.nova.platform.core.common.VersionedEntity;
import io.nova.platform.core.tenant.Tenant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A tenant's API key for its model endpoints, by name: what it is called and how it starts, never the key. */
@Entity
@Table(name = "model_api_key")
public class ModelApiKey extends VersionedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tenant_id", nullable = false, updatable = false)
    private Tenant tenant;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(nullable = false)
    private String prefix;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "rotated_at")
    private Instant rotatedAt;

    protected ModelApiKey() {
    }

    ModelApiKey(Tenant tenant, String name, String prefix, String createdBy) {
        this.tenant = tenant;
        this.name = name;
        this.prefix = prefix;
        this.createdBy = createdBy;
    }

    void rotated(String newPrefix) {
        prefix = newPrefix;
        rotatedAt = Instant.now();
    }

    public Tenant tenant() {
        return tenant;
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant rotatedAt() {
        return rotatedAt;
    }
}
