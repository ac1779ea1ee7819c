package io.nova.platform.core.tenant;

import java.util.List;

import io.nova.platform.core.cluster.Cluster;
import io.nova.platform.core.common.JsonColumns;
import io.nova.platform.core.common.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/** A team that gets its own namespace, quotas and ML tools. */
@Entity
@Table(name = "tenant")
public class Tenant extends VersionedEntity {

    @Column(nullable = false, updatable = false)
    private String slug;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    private String description;

    @Column(name = "owner_groups", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = JsonColumns.StringList.class)
    private List<String> ownerGroups;

    @Column(name = "member_groups", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = JsonColumns.StringList.class)
    private List<String> memberGroups = List.of();

    @Column(name = "egress_cidrs", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = JsonColumns.StringList.class)
    private List<String> egressCidrs = List.of();

    @Column(nullable = false, updatable = false)
    private String namespace;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "cluster_id", nullable = false, updatable = false)
    private Cluster cluster;

    @Embedded
    private TenantQuota quota;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TenantState state;

    protected Tenant() {
    }

    Tenant(String slug, String namespace, Cluster cluster) {
        this.slug = slug;
        this.namespace = namespace;
        this.cluster = cluster;
    }

    void apply(TenantSpec spec) {
        displayName = spec.displayName();
        description = spec.description();
        ownerGroups = List.copyOf(spec.ownerGroups());
        memberGroups = List.copyOf(spec.memberGroups());
        egressCidrs = List.copyOf(spec.egressCidrs());
        quota = spec.quota();
        state = spec.state();
    }

    public String slug() {
        return slug;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    public List<String> ownerGroups() {
        return ownerGroups;
    }

    public List<String> memberGroups() {
        return memberGroups == null ? List.of() : memberGroups;
    }

    public List<String> egressCidrs() {
        return egressCidrs == null ? List.of() : egressCidrs;
    }

    public String namespace() {
        return namespace;
    }

    public Cluster cluster() {
        return cluster;
    }

    public TenantQuota quota() {
        return quota;
    }

    public TenantState state() {
        return state;
    }
}
