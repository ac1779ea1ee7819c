package io.nova.platform.core.serving;

import io.nova.platform.core.common.VersionedEntity;
import io.nova.platform.core.gpu.GpuPool;
import io.nova.platform.core.module.ModulePhase;
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

/** A model served for one tenant on one GPU pool, with the plan the platform computed for it. */
@Entity
@Table(name = "model_deployment")
public class ModelDeployment extends VersionedEntity {

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "tenant_id", nullable = false, updatable = false)
    private Tenant tenant;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "pool_id", nullable = false)
    private GpuPool pool;

    @Column(nullable = false, updatable = false)
    private String name;

    @Column(name = "model_source", nullable = false)
    private String modelSource;

    @Column(nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = ServingColumns.Facts.class)
    private ModelFacts facts;

    @Column(name = "facts_from_catalog", nullable = false)
    private boolean factsFromCatalog;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Precision precision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ServingEngine engine;

    @Column(nullable = false)
    private int replicas;

    @Column(name = "max_context", nullable = false)
    private int maxContext;

    @Column(name = "concurrent_sequences", nullable = false)
    private int concurrentSequences;

    @Column(nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    @Convert(converter = ServingColumns.Plan.class)
    private ModelPlan plan;

    @Column(name = "gpus_total", nullable = false)
    private int gpusTotal;

    @Column(name = "resource_name", nullable = false)
    private String resourceName;

    @Column(nullable = false)
    private long generation;

    @Column(name = "observed_generation", nullable = false)
    private long observedGeneration;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ModulePhase phase;

    private String message;

    @Column(name = "endpoint_url")
    private String endpointUrl;

    protected ModelDeployment() {
    }

    ModelDeployment(Tenant tenant, String name) {
        this.tenant = tenant;
        this.name = name;
    }

    /** Applies a validated, planned request; a real change bumps the generation and hands it to the reconciler. */
    boolean apply(PlannedDeployment desired, String endpointUrl) {
        boolean changed = generation == 0 || pool == null || !pool.id().equals(desired.pool().id())
                || !desired.model().equals(modelSource) || !desired.facts().equals(facts)
                || desired.factsFromCatalog() != factsFromCatalog || desired.precision() != precision
                || desired.plan().engine() != engine || desired.replicas() != replicas
                || desired.maxContext() != maxContext || desired.concurrentSequences() != concurrentSequences
                || !desired.plan().equals(plan);
        if (!changed) {
            return false;
        }
        pool = desired.pool();
        modelSource = desired.model();
        facts = desired.facts();
        factsFromCatalog = desired.factsFromCatalog();
        precision = desired.precision();
        engine = desired.plan().engine();
        replicas = desired.replicas();
        maxContext = desired.maxContext();
        concurrentSequences = desired.concurrentSequences();
        plan = desired.plan();
        gpusTotal = plan.gpusTotal();
        resourceName = plan.resourceName();
        this.endpointUrl = endpointUrl;
        generation++;
        phase = ModulePhase.PENDING;
        message = "Waiting for the reconciler to deliver the %s".formatted(engine.kind());
        return true;
    }

    public Tenant tenant() {
        return tenant;
    }

    public GpuPool pool() {
        return pool;
    }

    public String name() {
        return name;
    }

    public String modelSource() {
        return modelSource;
    }

    public ModelFacts facts() {
        return facts;
    }

    public boolean factsFromCatalog() {
        return factsFromCatalog;
    }

    public Precision precision() {
        return precision;
    }

    public ServingEngine engine() {
        return engine;
    }

    public int replicas() {
        return replicas;
    }

    public int maxContext() {
        return maxContext;
    }

    public int concurrentSequences() {
        return concurrentSequences;
    }

    public ModelPlan plan() {
        return plan;
    }

    public int gpusTotal() {
        return gpusTotal;
    }

    public String resourceName() {
        return resourceName;
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

    public String endpointUrl() {
        return endpointUrl;
    }
}
