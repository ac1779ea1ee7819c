package io.nova.platform.core.tenant;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.nova.platform.core.common.InChunks;
import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.cluster.Cluster;
import io.nova.platform.core.cluster.ClusterRepository;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.InvalidRequestException;
import io.nova.platform.core.common.KubernetesNames;
import io.nova.platform.core.common.KubernetesQuantity;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.common.Violations;
import jakarta.persistence.EntityManager;
import io.nova.platform.core.desired.DesiredStateChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
public class TenantService {

    static final String KIND = "Tenant";
    public static final String DEFAULT_CLUSTER = "local";
    static final int MAX_SLUG = 40;
    static final int MAX_OWNER_GROUPS = 50;
    private static final BigDecimal MAX_CPU = new BigDecimal(100_000);
    private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(2).pow(50).multiply(BigDecimal.valueOf(100));
    /** Namespaces that belong to Kubernetes itself or to the platform's cluster components. */
    private static final Set<String> RESERVED_NAMESPACES = Set.of("default", "flux-system", "gpu-operator",
            "node-feature-discovery", "monitoring", "neuvector", "nova-system", "cert-manager", "vault",
            "ingress-nginx", "kuberay-system", "kserve", "kueue-system", "lws-system", "istio-system",
            "knative-serving", "gatekeeper-system", "kyverno", "external-secrets", "secrets-store-csi-driver");

    private final TenantRepository tenants;
    private final ClusterRepository clusters;
    private final AuditLog audit;
    private final EntityManager entityManager;
    private final ApplicationEventPublisher events;
    private final AccessControl access;

    public TenantService(TenantRepository tenants, ClusterRepository clusters, AuditLog audit,
                         EntityManager entityManager, ApplicationEventPublisher events, AccessControl access) {
        this.tenants = tenants;
        this.clusters = clusters;
        this.audit = audit;
        this.entityManager = entityManager;
        this.events = events;
        this.access = access;
    }

    @Transactional(readOnly = true)
    public PageResult<TenantView> list(String cluster, PageQuery page) {
        return list(TenantFilter.onCluster(cluster), page);
    }

    /** One page of the tenants the caller may see, filtered and sorted; tenant admins see their own tenants only. */
    @Transactional(readOnly = true)
    public PageResult<TenantView> list(TenantFilter filter, PageQuery page) {
        org.springframework.data.jpa.domain.Specification<Tenant> where = (root, query, cb) -> {
            if (Long.class != query.getResultType() && long.class != query.getResultType()) {
                root.fetch("cluster");
            }
            var conditions = new java.util.ArrayList<jakarta.persistence.criteria.Predicate>();
            if (filter.cluster() != null) {
                conditions.add(cb.equal(root.get("cluster").get("name"), filter.cluster()));
            }
            if (filter.text() != null) {
                conditions.add(cb.or(cb.like(cb.lower(root.get("slug")), filter.likePattern(), '\\'),
                        cb.like(cb.lower(root.get("displayName")), filter.likePattern(), '\\')));
            }
            if (!access.seesAllTenants()) {
                List<String> visible = visibleTo(access.groups());
                conditions.add(visible.isEmpty() ? cb.disjunction() : root.get("slug").in(visible));
            }
            return cb.and(conditions.toArray(jakarta.persistence.criteria.Predicate[]::new));
        };
        String property = filter.sortProperty().equals("cluster") ? "cluster.name" : filter.sortProperty();
        Sort sort = Sort.by(filter.descending() ? Sort.Direction.DESC : Sort.Direction.ASC, property);
        if (!property.equals("slug")) {
            sort = sort.and(Sort.by("slug"));
        }
        return PageResult.of(tenants.findAll(where, page.pageable(sort)), TenantView::of);
    }

    @Transactional(readOnly = true)
    public TenantView get(String slug) {
        return TenantView.of(readable(slug));
    }

    /**
     * The tenant, for a caller who may read it. To a caller who cannot see every tenant, a tenant that does not exist
     * is refused like one it may not read (403 either way), so that outsiders cannot find out which slugs exist.
     */
    @Transactional(readOnly = true)
    public Tenant readable(String slug) {
        Tenant tenant = tenants.findBySlug(slug).orElse(null);
        if (tenant == null) {
            throw access.seesAllTenants() ? new NotFoundException(KIND, slug) : notAMember(slug);
        }
        requireRead(tenant);
        return tenant;
    }

    /**
     * The tenant, write-locked until the transaction ends, for a caller who may change it: the rights are checked
     * before the lock is taken (no row lock for a caller who may not write) and again on the locked row.
     */
    public Tenant lockWritable(String slug) {
        Tenant unlocked = tenants.findBySlug(slug).orElse(null);
        if (unlocked == null) {
            throw access.seesAllTenants() ? new NotFoundException(KIND, slug) : notAMember(slug);
        }
        requireWrite(unlocked);
        Tenant tenant = lock(slug);
        requireWrite(tenant);
        return tenant;
    }

    private static io.nova.platform.core.access.ForbiddenException notAMember(String slug) {
        return new io.nova.platform.core.access.ForbiddenException(
                "You are not an admin or member of tenant '%s'".formatted(slug));
    }

    /** The tenant's view without an access check: for callers that check access on the view themselves. */
    @Transactional(readOnly = true)
    public TenantView viewOf(String slug) {
        return TenantView.of(find(slug));
    }

    @Transactional(readOnly = true)
    public Tenant find(String slug) {
        return tenants.findBySlug(slug).orElseThrow(() -> new NotFoundException(KIND, slug));
    }

    /** Fails unless the caller may read the tenant (admin, viewer, or one of its owners). */
    public void requireRead(Tenant tenant) {
        access.requireTenantRead(tenant.slug(), tenant.ownerGroups(), tenant.memberGroups());
    }

    /**
     * Fails unless the caller may change the tenant's module installs (admin or one of its owners). A suspended
     * tenant's owners lose that until a platform admin resumes the tenant.
     */
    public void requireWrite(Tenant tenant) {
        access.requireTenantWrite(tenant.slug(), tenant.ownerGroups());
        if (tenant.state() == TenantState.SUSPENDED && !access.isAdmin()) {
            throw new io.nova.platform.core.access.ForbiddenException(
                    "Tenant '%s' is suspended; only platform admins may change it".formatted(tenant.slug()));
        }
    }

    /** The tenant, write-locked until the transaction ends. */
    public Tenant lock(String slug) {
        return tenants.lockBySlug(slug).orElseThrow(() -> new NotFoundException(KIND, slug));
    }

    public TenantView create(TenantSpec spec) {
        access.requireAdmin("manage tenants");
        var v = new Violations();
        if (v.required("slug", spec.slug())) {
            v.check("slug", slugProblem(spec.slug()));
        }
        String clusterName = spec.cluster() == null ? DEFAULT_CLUSTER : spec.cluster();
        Cluster cluster = clusters.findByName(clusterName).orElse(null);
        if (cluster == null) {
            v.add("cluster", "cluster '%s' does not exist".formatted(clusterName));
        }
        String namespace = spec.namespace() == null && spec.slug() != null ? "nova-" + spec.slug() : spec.namespace();
        // A derived namespace is only worth checking when the slug it comes from is valid.
        if (spec.namespace() != null || !v.has("slug") && namespace != null) {
            v.check("namespace", KubernetesNames.dnsLabelProblem(namespace, 63));
            if (RESERVED_NAMESPACES.contains(namespace) || namespace.startsWith("kube-")
                    || namespace.startsWith("openshift-")) {
                v.add("namespace", "'%s' is reserved for Kubernetes or platform components".formatted(namespace));
            }
        }
        TenantSpec normalized = validate(spec, v);
        if (tenants.existsBySlug(spec.slug())) {
            throw new ConflictException("Tenant '%s' already exists".formatted(spec.slug()));
        }
        if (tenants.existsByClusterNameAndNamespace(clusterName, namespace)) {
            throw new ConflictException("Namespace '%s' on cluster '%s' already belongs to another tenant"
                    .formatted(namespace, clusterName));
        }
        var tenant = new Tenant(spec.slug(), namespace, cluster);
        tenant.apply(normalized);
        tenants.saveAndFlush(tenant);
        var view = TenantView.of(tenant);
        audit.record(AuditAction.CREATE, KIND, target(tenant.slug()), null, view.spec());
        events.publishEvent(new DesiredStateChanged(view.cluster()));
        return view;
    }

    public TenantView update(String slug, TenantSpec spec, Long expectedVersion) {
        access.requireAdmin("manage tenants");
        Tenant tenant = find(slug);
        tenant.expectVersion(expectedVersion, KIND, slug);
        var v = new Violations();
        if (spec.slug() != null && !spec.slug().equals(slug)) {
            v.add("slug", "is immutable: tenant '%s' cannot be renamed".formatted(slug));
        }
        if (spec.namespace() != null && !spec.namespace().equals(tenant.namespace())) {
            v.add("namespace", "is immutable: tenant '%s' lives in namespace '%s'".formatted(slug, tenant.namespace()));
        }
        if (spec.cluster() != null && !spec.cluster().equals(tenant.cluster().name())) {
            v.add("cluster", "is immutable: tenant '%s' lives on cluster '%s'".formatted(slug,
                    tenant.cluster().name()));
        }
        TenantSpec normalized = validate(spec, v);
        TenantSpec before = TenantView.of(tenant).spec();
        tenant.apply(normalized);
        tenants.flush();
        var view = TenantView.of(tenant);
        if (audit.recordUpdate(KIND, target(slug), before, view.spec())) {
            events.publishEvent(new TenantChanged(slug));
            events.publishEvent(new DesiredStateChanged(view.cluster()));
        }
        return view;
    }

    public void delete(String slug, Long expectedVersion) {
        access.requireAdmin("manage tenants");
        Tenant tenant = lock(slug);
        tenant.expectVersion(expectedVersion, KIND, slug);
        List<String> enabledModules = enabledModules(tenant);
        if (!enabledModules.isEmpty()) {
            throw new ConflictException("Tenant '%s' still has %d enabled module(s); disable them first"
                    .formatted(slug, enabledModules.size()), enabledModules);
        }
        audit.record(AuditAction.DELETE, KIND, target(slug), TenantView.of(tenant).spec(), null);
        events.publishEvent(new DesiredStateChanged(tenant.cluster().name()));
        events.publishEvent(new TenantDeleted(slug));
        tenants.delete(tenant);
        tenants.flush();
    }

    /** The given tenants of the cluster (those that exist), by slug. */
    @Transactional(readOnly = true)
    public List<TenantSnapshot> snapshots(String cluster, java.util.Collection<String> slugs) {
        var all = new java.util.ArrayList<TenantSnapshot>();
        InChunks.forEach(slugs, chunk -> tenants.findOfCluster(cluster, chunk).forEach(t -> all.add(snapshot(t))));
        return all;
    }

    /** Every tenant of the cluster with the revision of what its objects are rendered from, by slug. */
    @Transactional(readOnly = true)
    public List<TenantRevision> revisions(String cluster) {
        return tenants.revisionsOfCluster(cluster).stream()
                .map(row -> new TenantRevision((String) row[0], (String) row[1], ((Number) row[2]).longValue()))
                .toList();
    }

    private static TenantSnapshot snapshot(Tenant t) {
        var view = TenantView.of(t);
        return new TenantSnapshot(t.slug(), t.displayName(), t.description(), t.namespace(), t.ownerGroups(),
                t.memberGroups(), view.quota(), t.state(), t.egressCidrs());
    }

    /** The slugs of the tenants whose owner or member groups include one of {@code groups} (at most 200). */
    @Transactional(readOnly = true)
    public List<String> visibleTo(java.util.Set<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return tenants.findByAnyOwnerOrMemberGroup(groups.toArray(String[]::new),
                PageQuery.first(PageQuery.MAX_SIZE).pageable(Sort.unsorted())).map(Tenant::slug).getContent();
    }

    /** The slugs of the tenants whose owner groups include one of {@code groups} (at most 200). */
    @Transactional(readOnly = true)
    public List<String> ownedBy(java.util.Set<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        return tenants.findByAnyOwnerGroup(groups.toArray(String[]::new), PageQuery.first(PageQuery.MAX_SIZE)
                .pageable(Sort.unsorted())).map(Tenant::slug).getContent();
    }

    /**
     * The rule violations of a spec, without the checks that need the database (uniqueness, the cluster), so that a
     * form can validate while the user types; saving checks everything again.
     */
    public static List<FieldViolation> problems(TenantSpec spec, boolean creating) {
        var v = new Violations();
        if (creating && v.required("slug", spec.slug())) {
            v.check("slug", slugProblem(spec.slug()));
        }
        try {
            validate(spec, v);
            return List.of();
        } catch (InvalidRequestException e) {
            return e.violations();
        }
    }

    /** The tenant's recent history, newest first: for its admins as well as platform admins and viewers. */
    @Transactional(readOnly = true)
    public PageResult<io.nova.platform.core.audit.AuditEntry> events(String slug, PageQuery page) {
        Tenant tenant = readable(slug);
        return audit.findForTenant(slug, tenant.ownerGroups(), tenant.memberGroups(), page);
    }

    /** What is wrong with a slug (a DNS label of at most 40 characters), or null when it is fine. */
    public static String slugProblem(String slug) {
        return KubernetesNames.dnsLabelProblem(slug, MAX_SLUG);
    }

    public static String target(String slug) {
        return "tenants/" + slug;
    }

    @SuppressWarnings("unchecked")
    private List<String> enabledModules(Tenant tenant) {
        return entityManager.createNativeQuery("""
                SELECT 'tenants/' || :slug || '/modules/' || module_key FROM module_install
                WHERE tenant_id = :id AND enabled ORDER BY 1""")
                .setParameter("id", tenant.id())
                .setParameter("slug", tenant.slug())
                .getResultList();
    }

    private static TenantSpec validate(TenantSpec spec, Violations v) {
        if (v.required("displayName", spec.displayName())) {
            v.maxLength("displayName", spec.displayName(), 100);
        }
        v.maxLength("description", spec.description(), 2000);
        List<String> groups = checkGroups(v, "ownerGroups", spec.ownerGroups());
        List<String> members = checkGroups(v, "memberGroups", spec.memberGroups());
        for (int i = 0; i < members.size(); i++) {
            if (groups.contains(members.get(i))) {
                v.add("memberGroups[%d]".formatted(i), "group '%s' is an owner group already".formatted(members.get(i)));
            }
        }
        List<String> egress = EgressCidrs.check(v, "egressCidrs", spec.egressCidrs());
        TenantQuota quota = spec.quota() == null ? new TenantQuota(null, null, null) : spec.quota();
        checkQuantity(v, "quota.cpu", quota.cpu(), MAX_CPU, "100000 cores");
        checkQuantity(v, "quota.memory", quota.memory(), MAX_BYTES, "100Pi");
        checkQuantity(v, "quota.storage", quota.storage(), MAX_BYTES, "100Pi");
        v.throwIfAny("Invalid tenant");
        return new TenantSpec(spec.slug(), spec.displayName(), spec.description(), List.copyOf(groups),
                List.copyOf(members), spec.namespace(), spec.cluster(), quota,
                spec.state() == null ? TenantState.ACTIVE : spec.state(), egress);
    }

    /**
     * Groups go into RoleBindings and Vault assignments as they are, so a group that every signed-in user has would
     * hand the tenant to everyone: {@code system:} groups of Kubernetes and wildcards are refused.
     */
    private static List<String> checkGroups(Violations v, String field, List<String> given) {
        List<String> groups = given == null ? List.of() : given;
        if (groups.size() > MAX_OWNER_GROUPS) {
            v.add(field, "may list at most %d groups (got %d)".formatted(MAX_OWNER_GROUPS, groups.size()));
            return List.of();
        }
        var seen = new HashSet<String>();
        for (int i = 0; i < groups.size(); i++) {
            String group = groups.get(i);
            String item = "%s[%d]".formatted(field, i);
            if (group == null || group.isBlank()) {
                v.add(item, "must not be empty");
            } else if (group.length() > 255) {
                v.maxLength(item, group, 255);
            } else if (!group.equals(group.strip()) || group.chars().anyMatch(Character::isISOControl)) {
                v.add(item, "must not have leading or trailing spaces or control characters");
            } else if (group.startsWith("system:") || group.contains("*")) {
                v.add(item, ("group '%s' would give everyone (or Kubernetes itself) access to the tenant; "
                        + "name a group of the identity provider").formatted(group));
            } else if (!seen.add(group)) {
                v.add(item, "group '%s' is listed twice".formatted(group));
            }
        }
        return groups;
    }

    private static void checkQuantity(Violations v, String field, String value, BigDecimal max, String maxText) {
        if (value != null) {
            if (value.length() > 32) {
                v.maxLength(field, value, 32);
            } else {
                v.check(field, KubernetesQuantity.problem(value, max, maxText));
            }
        }
    }
}
