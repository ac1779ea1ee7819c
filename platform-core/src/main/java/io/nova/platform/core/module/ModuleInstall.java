package io.nova.platform.core.module;

import java.util.List;
import java.util.Map;

import io.nova.platform.core.cluster.Cluster;
import io.nova.platform.core.common.JsonColumns;
import io.nova.platform.core.common.VersionedEntity;
import io.nova.platform.core.tenant.Tenant;
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

/** A module from the catalog switched on (or kept switched off) for one tenant or one whole cluster. */
@Entity
@Table(name = "module_install")
public class ModuleInstall extends VersionedEntity {

    @Column(name = "module_key", nullable = false, updatable = false)
    private String moduleKey;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "tenant_id", updatable = false)
    private Tenant tenant;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "cluster_id", updatable = false)
    private Cluster cluster;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "chart_version", nullable = false)
    private String chartVersion;

    @Column(name = "values_json", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = JsonColumns.ObjectMap.class)
    private Map<String, Object> values;

    @Enumerated(EnumType.STRING)
    @Column(name = "secret_delivery")
    private SecretDelivery secretDelivery;

    @Column(nullable = false)
    private long generation;

    @Column(name = "observed_generation", nullable = false)
    private long observedGeneration;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ModulePhase phase;

    private String message;

    @Column(nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = ModuleConditionsColumn.class)
    private List<ModuleCondition> conditions;

    @Column(name = "ui_url")
    private String uiUrl;

    protected ModuleInstall() {
    }

    ModuleInstall(String moduleKey, Tenant tenant, Cluster cluster) {
        this.moduleKey = moduleKey;
        this.tenant = tenant;
        this.cluster = cluster;
        this.generation = 0;
        this.conditions = List.of();
    }

    /** Applies a new desired state; a real change bumps the generation and hands the install to the reconciler. */
    boolean apply(DesiredInstall desired, String uiUrl) {
        boolean changed = generation == 0 || enabled != desired.enabled()
                || !desired.version().equals(chartVersion) || !desired.values().equals(values)
                || desired.secretDelivery() != secretDelivery;
        if (!changed) {
            return false;
        }
        enabled = desired.enabled();
        chartVersion = desired.version();
        values = desired.values();
        secretDelivery = desired.secretDelivery();
        this.uiUrl = uiUrl;
        generation++;
        phase = ModulePhase.PENDING;
        message = enabled ? "Waiting for the reconciler to install version " + chartVersion
                : "Waiting for the reconciler to remove the module";
        return true;
    }

    public String moduleKey() {
        return moduleKey;
    }

    public Tenant tenant() {
        return tenant;
    }

    public Cluster cluster() {
        return cluster;
    }

    public boolean enabled() {
        return enabled;
    }

    public String chartVersion() {
        return chartVersion;
    }

    public Map<String, Object> values() {
        return values;
    }

    public SecretDelivery secretDelivery() {
        return secretDelivery;
    }

    public long generation() {
        return generation;
    }

    public long observedGeneration() {
        return observedGeneration;
    }

    public ModulePhase phase() {
        return phase;
    }

    public String message() {
        return message;
    }

    public List<ModuleCondition> conditions() {
        return conditions;
    }

    public String uiUrl() {
        return uiUrl;
    }
}
