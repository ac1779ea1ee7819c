package io.nova.platform.core.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.cluster.Cluster;
import io.nova.platform.core.cluster.ClusterRepository;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.InvalidRequestException;
import io.nova.platform.core.common.KubernetesNames;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.common.Violations;
import io.nova.platform.core.desired.DesiredStateChanged;
import io.nova.platform.core.module.ModuleInstallService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class GpuPoolService {

    static final String KIND = "GPU pool";
    static final int MAX_NODES = 1000;
    static final int MAX_GPUS_PER_NODE = 16;
    static final int MAX_NODE_SELECTOR_LABELS = 20;

    private final GpuPoolRepository pools;
    private final ClusterRepository clusters;
    private final GpuModelCatalog catalog;
    private final PoolCommitments commitments;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final AccessControl access;
    private final GpuSharingRules sharingRules;
    private final ModuleInstallService modules;

    public GpuPoolService(GpuPoolRepository pools, ClusterRepository clusters, GpuModelCatalog catalog,
                          PoolCommitments commitments, AuditLog audit, ApplicationEventPublisher events,
                          AccessControl access, ModuleInstallService modules) {
        this.modules = modules;
        this.pools = pools;
        this.clusters = clusters;
        this.catalog = catalog;
        this.commitments = commitments;
        this.audit = audit;
        this.events = events;
        this.access = access;
        this.sharingRules = new GpuSharingRules(catalog);
    }

    @Transactional(readOnly = true)
    public PageResult<GpuPoolView> list(String cluster, PageQuery page) {
        access.requireAnyRole();
        var pageable = page.pageable(Sort.by("name"));
        var found = cluster == null ? pools.findAllBy(pageable) : pools.findByClusterName(cluster, pageable);
        return PageResult.of(found, this::view);
    }

    /** A page of pools with what tenants hold of each: three queries, whatever the page size. */
    @Transactional(readOnly = true)
    public PageResult<GpuPoolUsage> listWithUsage(String cluster, PageQuery page) {
        access.requireAnyRole();
        var pageable = page.pageable(Sort.by("name"));
        var found = cluster == null ? pools.findAllBy(pageable) : pools.findByClusterName(cluster, pageable);
        Map<String, Map<String, Long>> guaranteed = commitments.guaranteedByPool(found.getContent());
        return PageResult.of(found, pool -> new GpuPoolUsage(view(pool),
                guaranteed.getOrDefault(pool.name(), Map.of())));
    }

    @Transactional(readOnly = true)
    public GpuPoolView get(String name) {
        access.requireAnyRole();
        return view(find(name));
    }

    public GpuPoolView create(GpuPoolSpec spec) {
        access.requireAdmin("manage GPU pools");
        var v = new Violations();
        if (v.required("name", spec.name())) {
            v.check("name", KubernetesNames.dnsLabelProblem(spec.name(), 63));
        }
        Cluster cluster = null;
        if (v.required("cluster", spec.cluster())) {
            cluster = clusters.findByName(spec.cluster()).orElse(null);
            if (cluster == null) {
                v.add("cluster", "cluster '%s' does not exist".formatted(spec.cluster()));
            }
        }
        Validated valid = validate(spec, v);
        if (pools.existsByName(spec.name())) {
            throw new ConflictException("GPU pool '%s' already exists".formatted(spec.name()));
        }
        var pool = new GpuPool(spec.name(), cluster);
        pool.apply(valid.model().id(), spec.nodeCount(), spec.gpusPerNode(), valid.nodeSelector(), valid.sharing());
        pools.saveAndFlush(pool);
        var view = view(pool);
        audit.record(AuditAction.CREATE, KIND, target(pool.name()), null, view.spec());
        modules.enableGpuPoolComponents(cluster.name());
        events.publishEvent(new DesiredStateChanged(view.cluster()));
        return view;
    }

    public GpuPoolView update(String name, GpuPoolSpec spec, Long expectedVersion) {
        access.requireAdmin("manage GPU pools");
        GpuPool pool = pools.lockByName(name).orElseThrow(() -> new NotFoundException(KIND, name));
        pool.expectVersion(expectedVersion, KIND, name);
        var v = new Violations();
        if (spec.name() != null && !spec.name().equals(name)) {
            v.add("name", "is immutable: pool '%s' cannot be renamed".formatted(name));
        }
        if (spec.cluster() != null && !spec.cluster().equals(pool.cluster().name())) {
            v.add("cluster", "is immutable: pool '%s' belongs to cluster '%s'; create a new pool in the other cluster"
                    .formatted(name, pool.cluster().name()));
        }
        Validated valid = validate(spec, v);
        GpuPoolSpec before = view(pool).spec();
        SortedMap<String, Long> newCapacity = PoolCapacity.of(valid.model(), valid.sharing(),
                spec.nodeCount() * spec.gpusPerNode());
        checkCommitmentsStillFit(pool, newCapacity);
        pool.apply(valid.model().id(), spec.nodeCount(), spec.gpusPerNode(), valid.nodeSelector(), valid.sharing());
        pools.flush();
        var view = view(pool);
        if (audit.recordUpdate(KIND, target(name), before, view.spec())) {
            events.publishEvent(new DesiredStateChanged(view.cluster()));
        }
        return view;
    }

    public void delete(String name, Long expectedVersion) {
        access.requireAdmin("manage GPU pools");
        GpuPool pool = pools.lockByName(name).orElseThrow(() -> new NotFoundException(KIND, name));
        pool.expectVersion(expectedVersion, KIND, name);
        List<String> holders = commitments.holders(pool);
        if (!holders.isEmpty()) {
            throw new ConflictException("GPU pool '%s' is still used by %d GPU quota(s); remove them first"
                    .formatted(name, holders.size()), holders);
        }
        audit.record(AuditAction.DELETE, KIND, target(name), view(pool).spec(), null);
        events.publishEvent(new DesiredStateChanged(pool.cluster().name()));
        pools.delete(pool);
        pools.flush();
    }

    /** The entity with its capacity, for services that hand out the pool's resources. */
    @Transactional(readOnly = true)
    public GpuPool find(String name) {
        return pools.findByName(name).orElseThrow(() -> new NotFoundException(KIND, name));
    }

    /** Takes a write lock on the pool for the rest of the transaction (used while changing guarantees). */
    public GpuPool lock(String name) {
        return pools.lockByName(name).orElseThrow(() -> new NotFoundException(KIND, name));
    }

    public SortedMap<String, Long> capacity(GpuPool pool) {
        GpuModel model = catalog.find(pool.gpuModel())
                .orElseThrow(() -> new IllegalStateException("GPU model vanished from catalog: " + pool.gpuModel()));
        return PoolCapacity.of(model, pool.sharing(), pool.totalGpus());
    }

    @Transactional(readOnly = true)
    public List<PoolSnapshot> snapshots(String cluster) {
        return pools.findByClusterNameOrderByName(cluster).stream().map(this::snapshot).toList();
    }

    public PoolSnapshot snapshot(GpuPool p) {
        return new PoolSnapshot(p.name(), catalog.find(p.gpuModel()).orElseThrow(), p.nodeCount(), p.gpusPerNode(),
                p.nodeSelector(), p.sharing(), capacity(p));
    }

    static String target(String name) {
        return "gpu-pools/" + name;
    }

    private GpuPoolView view(GpuPool p) {
        return new GpuPoolView(p.name(), p.cluster().name(), p.gpuModel(), p.nodeCount(), p.gpusPerNode(),
                p.totalGpus(), p.nodeSelector(), p.sharing(), capacity(p), p.version(), p.createdAt(),
                p.updatedAt());
    }

    /**
     * What a pool spec would offer, or why it cannot be saved, without saving anything: the console's live preview.
     * For an existing pool ({@code existingName}), also whether the tenants' guarantees would still fit.
     */
    @Transactional(readOnly = true)
    public PoolPreview preview(GpuPoolSpec spec, String existingName) {
        access.requireAnyRole();
        Validated valid;
        try {
            valid = validate(spec, new Violations());
        } catch (InvalidRequestException e) {
            return PoolPreview.refused(e.violations());
        }
        int total = spec.nodeCount() * spec.gpusPerNode();
        SortedMap<String, Long> capacity = PoolCapacity.of(valid.model(), valid.sharing(), total);
        if (existingName != null) {
            var pool = pools.findByName(existingName);
            if (pool.isPresent()) {
                try {
                    checkCommitmentsStillFit(pool.get(), capacity);
                } catch (ConflictException e) {
                    return new PoolPreview(capacity, List.of(new FieldViolation("sharing", e.getMessage())));
                }
            }
        }
        return new PoolPreview(capacity, List.of());
    }

    private record Validated(GpuModel model, Map<String, String> nodeSelector, GpuSharing sharing) {
    }

    private Validated validate(GpuPoolSpec spec, Violations v) {
        GpuModel model = null;
        if (v.required("gpuModel", spec.gpuModel())) {
            model = catalog.find(spec.gpuModel()).orElse(null);
            if (model == null) {
                v.add("gpuModel", "unknown GPU model '%s'; known models: %s".formatted(spec.gpuModel(),
                        String.join(", ", catalog.all().stream().map(GpuModel::id).toList())));
            }
        }
        if (v.required("nodeCount", spec.nodeCount())) {
            v.range("nodeCount", spec.nodeCount(), 0, MAX_NODES);
        }
        if (v.required("gpusPerNode", spec.gpusPerNode())) {
            v.range("gpusPerNode", spec.gpusPerNode(), 1, MAX_GPUS_PER_NODE);
        }
        Map<String, String> selector = spec.nodeSelector() == null ? Map.of() : spec.nodeSelector();
        if (selector.size() > MAX_NODE_SELECTOR_LABELS) {
            v.add("nodeSelector", "may have at most %d labels (got %d)".formatted(MAX_NODE_SELECTOR_LABELS,
                    selector.size()));
        }
        selector.forEach((key, value) -> {
            v.check("nodeSelector." + key, KubernetesNames.labelKeyProblem(key));
            v.check("nodeSelector." + key, KubernetesNames.labelValueProblem(value));
        });
        if (spec.sharing() == null) {
            v.add("sharing", "is required: give sharing.mode EXCLUSIVE, TIME_SLICING or MIG");
        } else if (model != null) {
            v.addAll(sharingRules.validate(model, spec.sharing()));
        }
        v.throwIfAny("Invalid GPU pool");
        return new Validated(model, new TreeMap<>(selector), sharingRules.normalized(model, spec.sharing()));
    }

    private void checkCommitmentsStillFit(GpuPool pool, SortedMap<String, Long> newCapacity) {
        var problems = new ArrayList<String>();
        commitments.guaranteed(pool).forEach((resource, sum) -> {
            long offered = newCapacity.getOrDefault(resource, 0L);
            if (sum > offered) {
                problems.add("%s: tenants are guaranteed %d, the changed pool would offer %d"
                        .formatted(resource, sum, offered));
            } else if (!newCapacity.containsKey(resource)) {
                problems.add("%s: tenants have quotas for it, the changed pool would no longer offer it"
                        .formatted(resource));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConflictException("The change would take away GPU resources that tenants hold; lower or remove "
                    + "their quotas first: " + String.join("; ", problems), commitments.holders(pool));
        }
    }
}
