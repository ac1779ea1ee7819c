package io.nova.platform.core.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.nova.platform.core.common.InChunks;
import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.common.StaleVersionException;
import io.nova.platform.core.common.Violations;
import io.nova.platform.core.gpu.GpuPool;
import io.nova.platform.core.gpu.GpuPoolService;
import io.nova.platform.core.tenant.Tenant;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.desired.DesiredStateChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class GpuQuotaService {

    static final String KIND = "GPU quota";
    static final long MAX_AMOUNT = 1_000_000;

    private final GpuQuotaRepository quotas;
    private final TenantService tenants;
    private final GpuPoolService pools;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final AccessControl access;

    public GpuQuotaService(GpuQuotaRepository quotas, TenantService tenants, GpuPoolService pools, AuditLog audit,
                           ApplicationEventPublisher events, AccessControl access) {
        this.quotas = quotas;
        this.tenants = tenants;
        this.pools = pools;
        this.audit = audit;
        this.events = events;
        this.access = access;
    }

    /** The outcome of a PUT: the quota and whether it was newly created. */
    public record PutResult(GpuQuotaView quota, boolean created) {
    }

    @Transactional(readOnly = true)
    public PageResult<GpuQuotaView> list(String tenantSlug, PageQuery page) {
        Tenant tenant = tenants.readable(tenantSlug);
        return PageResult.of(quotas.findByTenant(tenant, page.pageable(Sort.by("pool.name"))), this::view);
    }

    @Transactional(readOnly = true)
    public GpuQuotaView get(String tenantSlug, String poolName) {
        Tenant tenant = tenants.readable(tenantSlug);
        return view(find(tenant, pools.find(poolName)));
    }

    public PutResult put(String tenantSlug, String poolName, GpuQuotaSpec spec, Long expectedVersion) {
        access.requireAdmin("set GPU quotas");
        // Tenant before pool, as model deployments take them: a quota write revises the tenant's row as well.
        Tenant tenant = tenants.lock(tenantSlug);
        // The lock serializes concurrent quota changes on one pool, so two tenants cannot both take the last GPU.
        GpuPool pool = pools.lock(poolName);
        SortedMap<String, Long> capacity = pools.capacity(pool);
        Map<String, QuotaAmount> amounts = validate(tenant, pool, capacity, spec);

        GpuQuota quota = quotas.findByTenantAndPool(tenant, pool).orElse(null);
        if (quota == null && expectedVersion != null) {
            throw new StaleVersionException(KIND, target(tenantSlug, poolName));
        }
        if (quota != null) {
            quota.expectVersion(expectedVersion, KIND, target(tenantSlug, poolName));
            if (quota.resources().equals(amounts)) {
                return new PutResult(view(quota), false);
            }
        }
        checkGuaranteesFit(tenant, pool, capacity, amounts);
        boolean created = quota == null;
        Map<String, QuotaAmount> before = created ? null : quota.resources();
        if (created) {
            quota = new GpuQuota(tenant, pool);
        }
        quota.apply(amounts);
        quotas.saveAndFlush(quota);
        audit.record(created ? AuditAction.CREATE : AuditAction.UPDATE, KIND, target(tenantSlug, poolName),
                before, quota.resources());
        events.publishEvent(new DesiredStateChanged(tenant.cluster().name()));
        return new PutResult(view(quota), created);
    }

    public void delete(String tenantSlug, String poolName, Long expectedVersion) {
        access.requireAdmin("set GPU quotas");
        GpuQuota quota = find(tenants.find(tenantSlug), pools.find(poolName));
        quota.expectVersion(expectedVersion, KIND, target(tenantSlug, poolName));
        audit.record(AuditAction.DELETE, KIND, target(tenantSlug, poolName), quota.resources(), null);
        events.publishEvent(new DesiredStateChanged(quota.tenant().cluster().name()));
        quotas.delete(quota);
        quotas.flush();
    }

    /** The quotas of the given tenants of the cluster. */
    @Transactional(readOnly = true)
    public List<QuotaSnapshot> snapshots(String cluster, java.util.Collection<String> tenants) {
        var all = new java.util.ArrayList<QuotaSnapshot>();
        InChunks.forEach(tenants, chunk -> all.addAll(snapshots(quotas.findOfTenants(cluster, chunk))));
        return all;
    }

    /** Pool → resource → what the cluster's tenants are guaranteed there together: one query, whatever the fleet. */
    @Transactional(readOnly = true)
    public Map<String, Map<String, Long>> guaranteedByPool(String cluster) {
        var totals = new TreeMap<String, Map<String, Long>>();
        for (Object[] row : quotas.guaranteedTotals(cluster)) {
            totals.computeIfAbsent((String) row[0], pool -> new TreeMap<>())
                    .put((String) row[1], ((Number) row[2]).longValue());
        }
        return totals;
    }

    private static List<QuotaSnapshot> snapshots(List<GpuQuota> found) {
        return found.stream()
                .map(q -> new QuotaSnapshot(q.tenant().slug(), q.pool().name(), new TreeMap<>(q.resources())))
                .toList();
    }

    /** The tenant's limit per resource name on the pool; empty when it has no quota there. */
    @Transactional(readOnly = true)
    public java.util.Optional<Map<String, Long>> limits(Tenant tenant, GpuPool pool) {
        return amounts(tenant, pool, QuotaAmount::limit);
    }

    /** The guaranteed part of the tenant's quota per resource name on the pool; empty when it has no quota there. */
    @Transactional(readOnly = true)
    public java.util.Optional<Map<String, Long>> guarantees(Tenant tenant, GpuPool pool) {
        return amounts(tenant, pool, QuotaAmount::guaranteed);
    }

    private java.util.Optional<Map<String, Long>> amounts(Tenant tenant, GpuPool pool,
                                                          java.util.function.Function<QuotaAmount, Long> part) {
        return quotas.findByTenantAndPool(tenant, pool).map(q -> {
            var amounts = new TreeMap<String, Long>();
            q.resources().forEach((resource, amount) -> amounts.put(resource, part.apply(amount)));
            return amounts;
        });
    }

    static String target(String tenant, String pool) {
        return TenantService.target(tenant) + "/gpu-quotas/" + pool;
    }

    private GpuQuota find(Tenant tenant, GpuPool pool) {
        return quotas.findByTenantAndPool(tenant, pool)
                .orElseThrow(() -> new NotFoundException(KIND, target(tenant.slug(), pool.name())));
    }

    private GpuQuotaView view(GpuQuota q) {
        Map<String, QuotaAmount> resources = q.resources();
        boolean single = pools.capacity(q.pool()).size() == 1 && resources.size() == 1;
        QuotaAmount only = single ? resources.values().iterator().next() : null;
        return new GpuQuotaView(q.tenant().slug(), q.pool().name(), q.pool().cluster().name(),
                only == null ? null : only.guaranteed(), only == null ? null : only.limit(), resources, q.version(),
                q.createdAt(), q.updatedAt());
    }

    private static Map<String, QuotaAmount> validate(Tenant tenant, GpuPool pool, SortedMap<String, Long> capacity,
                                                     GpuQuotaSpec spec) {
        var v = new Violations();
        if (spec.pool() != null && !spec.pool().equals(pool.name())) {
            v.add("pool", "'%s' differs from the pool in the URL ('%s')".formatted(spec.pool(), pool.name()));
        }
        if (!pool.cluster().id().equals(tenant.cluster().id())) {
            v.add("pool", "pool '%s' is on cluster '%s', tenant '%s' on cluster '%s'".formatted(pool.name(),
                    pool.cluster().name(), tenant.slug(), tenant.cluster().name()));
        }
        Map<String, QuotaAmount> amounts = new TreeMap<>();
        boolean singleForm = spec.guaranteed() != null || spec.limit() != null;
        if (singleForm && spec.resources() != null) {
            v.add("resources", "give either guaranteed/limit or resources, not both");
        } else if (singleForm) {
            if (capacity.size() != 1) {
                v.add("guaranteed", "pool '%s' offers several resources (%s); give resources: {\"<name>\": "
                        .formatted(pool.name(), String.join(", ", capacity.keySet())) + "{guaranteed, limit}}");
            } else if (v.required("guaranteed", spec.guaranteed())) {
                long limit = spec.limit() == null ? spec.guaranteed() : spec.limit();
                checkAmount(v, "", spec.guaranteed(), limit);
                amounts.put(capacity.firstKey(), new QuotaAmount(spec.guaranteed(), limit));
            }
        } else if (spec.resources() == null || spec.resources().isEmpty()) {
            v.add(capacity.size() == 1 ? "guaranteed" : "resources", "is required");
        } else {
            spec.resources().forEach((resource, amount) -> {
                String field = "resources." + resource;
                if (!capacity.containsKey(resource)) {
                    v.add(field, "pool '%s' does not offer '%s'; it offers %s".formatted(pool.name(), resource,
                            String.join(", ", capacity.keySet())));
                } else if (amount == null || amount.guaranteed() == null) {
                    v.add(field + ".guaranteed", "is required");
                } else {
                    long limit = amount.limit() == null ? amount.guaranteed() : amount.limit();
                    checkAmount(v, field + ".", amount.guaranteed(), limit);
                    amounts.put(resource, new QuotaAmount(amount.guaranteed(), limit));
                }
            });
        }
        v.throwIfAny("Invalid GPU quota");
        return amounts;
    }

    private static void checkAmount(Violations v, String prefix, long guaranteed, long limit) {
        if (guaranteed < 0 || guaranteed > MAX_AMOUNT) {
            v.add(prefix + "guaranteed", "must be between 0 and %d (got %d)".formatted(MAX_AMOUNT, guaranteed));
        }
        if (limit < guaranteed || limit > MAX_AMOUNT) {
            v.add(prefix + "limit", "must be between guaranteed (%d) and %d (got %d)".formatted(guaranteed,
                    MAX_AMOUNT, limit));
        }
    }

    private void checkGuaranteesFit(Tenant tenant, GpuPool pool, SortedMap<String, Long> capacity,
                                    Map<String, QuotaAmount> amounts) {
        List<GpuQuota> others = quotas.findByPool(pool).stream()
                .filter(q -> !q.tenant().id().equals(tenant.id())).toList();
        var problems = new ArrayList<String>();
        amounts.forEach((resource, amount) -> {
            long othersSum = others.stream()
                    .mapToLong(q -> q.resources().getOrDefault(resource, new QuotaAmount(0L, 0L)).guaranteed())
                    .sum();
            long offered = capacity.get(resource);
            if (othersSum + amount.guaranteed() > offered) {
                problems.add("%s: pool '%s' offers %d, other tenants are guaranteed %d, so at most %d is left (asked %d)"
                        .formatted(resource, pool.name(), offered, othersSum, Math.max(0, offered - othersSum),
                                amount.guaranteed()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ConflictException("Guarantees would exceed the pool's capacity: " + String.join("; ", problems),
                    others.stream().map(q -> target(q.tenant().slug(), pool.name())).sorted().toList());
        }
    }
}
