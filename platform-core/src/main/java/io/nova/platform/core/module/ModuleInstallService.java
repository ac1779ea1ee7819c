package io.nova.platform.core.module;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.common.InChunks;
import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.cluster.Cluster;
import io.nova.platform.core.cluster.ClusterService;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.common.StaleVersionException;
import io.nova.platform.core.common.Violations;
import io.nova.platform.core.tenant.Tenant;
import io.nova.platform.core.tenant.TenantService;
import io.nova.platform.core.desired.DesiredStateChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Switches catalog modules on and off for tenants and clusters, keeping their dependencies consistent. */
@Service
@Transactional
public class ModuleInstallService {

    static final String KIND = "Module install";
    static final int STATUS_BATCH = 500;

    private final ModuleInstallRepository installs;
    private final ModuleCatalog catalog;
    private final TenantService tenants;
    private final ClusterService clusters;
    private final AuditLog audit;
    private final ModuleProperties properties;
    private final ApplicationEventPublisher events;
    private final AccessControl access;
    private final ModuleValuesValidator valuesValidator = new ModuleValuesValidator();
    private final ModuleValuesPolicy valuesPolicy = new ModuleValuesPolicy();

    public ModuleInstallService(ModuleInstallRepository installs, ModuleCatalog catalog, TenantService tenants,
                                ClusterService clusters, AuditLog audit, ModuleProperties properties,
                                ApplicationEventPublisher events, AccessControl access) {
        this.installs = installs;
        this.catalog = catalog;
        this.tenants = tenants;
        this.clusters = clusters;
        this.audit = audit;
        this.properties = properties;
        this.events = events;
        this.access = access;
    }

    /** The outcome of a PUT: the install and whether it was newly created. */
    public record PutResult(ModuleInstallView install, boolean created) {
    }

    /** Whose install it is: a tenant (tenant-scoped modules) or a cluster (cluster-scoped modules). */
    private record Owner(Tenant tenant, Cluster cluster) {

        ModuleScope scope() {
            return tenant != null ? ModuleScope.TENANT : ModuleScope.CLUSTER;
        }

        Cluster targetCluster() {
            return tenant != null ? tenant.cluster() : cluster;
        }

        String describe() {
            return tenant != null ? "tenant '%s'".formatted(tenant.slug()) : "cluster '%s'".formatted(cluster.name());
        }

        String target(String key) {
            return tenant != null ? TenantService.target(tenant.slug()) + "/modules/" + key
                    : "cluster-modules/" + cluster.name() + "/" + key;
        }
    }

    @Transactional(readOnly = true)
    public PageResult<ModuleInstallView> listForTenant(String slug, PageQuery page) {
        Tenant tenant = tenants.readable(slug);
        boolean writer = access.mayWriteTenant(tenant.ownerGroups());
        return PageResult.of(installs.findByTenant(tenant, page.pageable(Sort.by("moduleKey"))),
                install -> readerView(install, writer));
    }

    @Transactional(readOnly = true)
    public PageResult<ModuleInstallView> listForClusters(String cluster, PageQuery page) {
        access.requireAnyRole();
        var pageable = page.pageable(Sort.by("cluster.name", "moduleKey"));
        return PageResult.of(cluster == null ? installs.findByClusterIsNotNull(pageable)
                : installs.findByCluster(clusters.find(cluster), pageable), this::clusterView);
    }

    /** How many switched-on installs the caller can see are in each phase; phases with none are absent. */
    @Transactional(readOnly = true)
    public Map<ModulePhase, Long> phaseCounts() {
        access.requireAnyRole();
        List<Object[]> rows;
        if (access.seesAllTenants()) {
            rows = installs.countEnabledByPhase();
        } else {
            List<String> owned = tenants.visibleTo(access.groups());
            rows = owned.isEmpty() ? List.of() : installs.countEnabledByPhaseOfTenants(owned);
        }
        var counts = new java.util.EnumMap<ModulePhase, Long>(ModulePhase.class);
        rows.forEach(row -> counts.put((ModulePhase) row[0], (Long) row[1]));
        return counts;
    }

    /** The switched-on installs in one phase that the caller can see, tenant and cluster installs alike. */
    @Transactional(readOnly = true)
    public PageResult<ModuleInstallView> listByPhase(ModulePhase phase, PageQuery page) {
        access.requireAnyRole();
        var pageable = page.pageable(Sort.by("moduleKey").and(Sort.by("id")));
        if (access.seesAllTenants()) {
            return PageResult.of(installs.findByEnabledTrueAndPhase(phase, pageable), this::view);
        }
        List<String> owned = tenants.visibleTo(access.groups());
        return owned.isEmpty() ? new PageResult<>(List.of(), page.page(), page.size(), 0)
                : PageResult.of(installs.findByEnabledTrueAndPhaseAndTenantSlugIn(phase, owned, pageable), this::view);
    }

    @Transactional(readOnly = true)
    public ModuleInstallView getForTenant(String slug, String key) {
        Tenant tenant = tenants.readable(slug);
        return readerView(find(new Owner(tenant, null), key), access.mayWriteTenant(tenant.ownerGroups()));
    }

    @Transactional(readOnly = true)
    public ModuleInstallView getForCluster(String cluster, String key) {
        access.requireAnyRole();
        return clusterView(find(new Owner(null, clusters.find(cluster)), key));
    }

    /** A tenant's install as a reader sees it: those who may not change it see its sensitive values redacted. */
    private ModuleInstallView readerView(ModuleInstall install, boolean writer) {
        ModuleInstallView view = view(install);
        if (writer) {
            return view;
        }
        List<String> sensitive = catalog.find(install.moduleKey()).map(m -> m.tenancy().sensitiveValues())
                .orElse(List.of());
        return sensitive.isEmpty() ? view : view.withValues(SensitiveValues.redact(view.values(), sensitive));
    }

    /** A cluster component's install; its values are the platform admins' configuration, not shown to tenants. */
    private ModuleInstallView clusterView(ModuleInstall install) {
        ModuleInstallView view = view(install);
        return access.seesAllTenants() ? view : view.withoutValues();
    }

    // Writes lock the owner row: dependency rules span several installs, so two requests for one tenant (say,
    // enabling MLflow while disabling MinIO) must not interleave, and identical concurrent creates all succeed.

    public PutResult putForTenant(String slug, String key, ModuleInstallSpec spec, Long expectedVersion) {
        Tenant tenant = tenants.lockWritable(slug);
        return put(new Owner(tenant, null), key, spec, expectedVersion);
    }

    public PutResult putForCluster(String cluster, String key, ModuleInstallSpec spec, Long expectedVersion) {
        access.requireAdmin("manage cluster modules");
        return put(new Owner(null, clusters.lock(cluster)), key, spec, expectedVersion);
    }

    /**
     * Switches on the cluster components a cluster with GPU pools needs (see
     * {@link ModuleProperties#gpuPoolComponents()}) where the cluster has no install of them yet: one an admin switched
     * off stays off. Runs in the caller's transaction, as the admin who added the pool.
     */
    public void enableGpuPoolComponents(String cluster) {
        Cluster locked = clusters.lock(cluster);
        for (String key : properties.gpuPoolComponents()) {
            boolean known = catalog.find(key).filter(m -> m.scope() == ModuleScope.CLUSTER).isPresent();
            if (known && installs.findByCluster(locked).stream().noneMatch(i -> i.moduleKey().equals(key))) {
                put(new Owner(null, locked), key, new ModuleInstallSpec(true, null, null, true, null), null);
            }
        }
    }

    public void deleteForTenant(String slug, String key, Long expectedVersion) {
        Tenant tenant = tenants.lockWritable(slug);
        delete(new Owner(tenant, null), key, expectedVersion);
    }

    public void deleteForCluster(String cluster, String key, Long expectedVersion) {
        access.requireAdmin("manage cluster modules");
        delete(new Owner(null, clusters.lock(cluster)), key, expectedVersion);
    }

    /** The installs of the given tenants of the cluster. */
    @Transactional(readOnly = true)
    public List<ModuleSnapshot> snapshots(String cluster, java.util.Collection<String> tenants) {
        var all = new java.util.ArrayList<ModuleSnapshot>();
        InChunks.forEach(tenants, chunk -> all.addAll(snapshots(installs.findOfTenants(cluster, chunk))));
        return all;
    }

    /** The cluster's own installs (its components). */
    @Transactional(readOnly = true)
    public List<ModuleSnapshot> clusterSnapshots(String cluster) {
        return snapshots(installs.findOfClusterOnly(cluster));
    }

    /** Up to {@code limit} tenants of the cluster with an enabled install that has not reported READY. */
    @Transactional(readOnly = true)
    public List<String> unsettledTenants(String cluster, int limit) {
        return installs.unsettledTenants(cluster, limit);
    }

    private List<ModuleSnapshot> snapshots(List<ModuleInstall> found) {
        return found.stream().flatMap(i -> catalog.find(i.moduleKey()).stream()
                .map(module -> new ModuleSnapshot(i.tenant() == null ? null : i.tenant().slug(), module, i.enabled(),
                        i.chartVersion(), i.values(), i.secretDelivery(), i.generation(), i.uiUrl()))).toList();
    }

    /**
     * What the reconciler observed for the installs of {@code cluster}. Leaves the installs' versions (ETags) alone;
     * only the installs whose status changed are written, {@value #STATUS_BATCH} to a statement, so a reconcile
     * that observes nothing new writes nothing.
     */
    public void recordStatus(String cluster, List<ModuleStatusReport> reports) {
        // id, tenant, key, observed generation, phase, message: values, not entities (see statusOfTenants)
        var byOwnerAndKey = new java.util.HashMap<String, Object[]>();
        var tenants = new java.util.TreeSet<String>();
        reports.stream().filter(r -> r.tenant() != null).forEach(r -> tenants.add(r.tenant()));
        var found = new java.util.ArrayList<Object[]>();
        if (reports.stream().anyMatch(r -> r.tenant() == null)) {
            installs.statusOfClusterOnly(cluster).forEach(row -> found.add(
                    new Object[] {row[0], null, row[1], row[2], row[3], row[4]}));
        }
        InChunks.forEach(tenants, chunk -> found.addAll(installs.statusOfTenants(cluster, chunk)));
        found.forEach(row -> byOwnerAndKey.put((row[1] == null ? "" : row[1]) + "/" + row[2], row));
        var changed = new java.util.ArrayList<Object[]>();
        for (ModuleStatusReport report : reports) {
            Object[] install = byOwnerAndKey.get((report.tenant() == null ? "" : report.tenant()) + "/"
                    + report.module());
            if (install == null) {
                continue;
            }
            String message = report.message() == null || report.message().length() <= 2000 ? report.message()
                    : report.message().substring(0, 2000);
            if (((Number) install[3]).longValue() != report.observedGeneration() || install[4] != report.phase()
                    || !java.util.Objects.equals(install[5], message)) {
                changed.add(new Object[] {install[0], report.observedGeneration(), report.phase().name(), message});
            }
        }
        for (int from = 0; from < changed.size(); from += STATUS_BATCH) {
            List<Object[]> batch = changed.subList(from, Math.min(changed.size(), from + STATUS_BATCH));
            installs.recordStatuses(batch.stream().map(row -> (Long) row[0]).toArray(Long[]::new),
                    batch.stream().map(row -> (Long) row[1]).toArray(Long[]::new),
                    batch.stream().map(row -> (String) row[2]).toArray(String[]::new),
                    batch.stream().map(row -> (String) row[3]).toArray(String[]::new));
        }
    }

    /** Whether the tenant has the module switched on. */
    @Transactional(readOnly = true)
    public boolean enabledForTenant(Tenant tenant, String key) {
        return installs.findByTenant(tenant).stream().anyMatch(i -> i.moduleKey().equals(key) && i.enabled());
    }

    /** Fails unless the caller may change the tenant's module installs. */
    @Transactional(readOnly = true)
    public void requireWrite(String slug) {
        tenants.requireWrite(tenants.readable(slug));
    }

    private PutResult put(Owner owner, String key, ModuleInstallSpec spec, Long expectedVersion) {
        ModuleDefinition module = definition(owner, key);
        Map<String, ModuleInstall> current = installsOf(owner);
        ModuleInstall install = current.get(key);
        if (install == null && expectedVersion != null) {
            throw new StaleVersionException(KIND, owner.target(key));
        }
        if (install != null) {
            install.expectVersion(expectedVersion, KIND, owner.target(key));
        }
        DesiredInstall desired = validate(module, spec, install);

        if (desired.enabled()) {
            requireComponents(owner, module);
            enableDependencies(owner, module, current, Boolean.TRUE.equals(spec.enableDependencies()));
        } else {
            requireNoEnabledDependents(owner, key, current);
            requireNoTenantUsers(owner, key);
        }
        boolean created = install == null;
        if (created) {
            install = new ModuleInstall(key, owner.tenant(), owner.cluster());
        }
        Map<String, Object> before = created ? null : view(install).desired();
        if (install.apply(desired, uiUrl(module, owner))) {
            installs.saveAndFlush(install);
            audit.record(created ? AuditAction.CREATE : AuditAction.UPDATE, KIND, owner.target(key), before,
                    view(install).desired());
            events.publishEvent(new DesiredStateChanged(owner.targetCluster().name()));
        }
        return new PutResult(view(install), created);
    }

    private void delete(Owner owner, String key, Long expectedVersion) {
        definition(owner, key);
        Map<String, ModuleInstall> current = installsOf(owner);
        ModuleInstall install = current.get(key);
        if (install == null) {
            throw new NotFoundException(KIND, owner.target(key));
        }
        install.expectVersion(expectedVersion, KIND, owner.target(key));
        requireNoEnabledDependents(owner, key, current);
        requireNoTenantUsers(owner, key);
        audit.record(AuditAction.DELETE, KIND, owner.target(key), view(install).desired(), null);
        events.publishEvent(new DesiredStateChanged(owner.targetCluster().name()));
        installs.delete(install);
        installs.flush();
    }

    private ModuleDefinition definition(Owner owner, String key) {
        ModuleDefinition module = catalog.find(key).orElseThrow(() -> new NotFoundException("Module", key));
        if (module.scope() != owner.scope()) {
            String where = module.scope() == ModuleScope.CLUSTER ? "/api/v1/cluster-modules/{cluster}/" + key
                    : "/api/v1/tenants/{slug}/modules/" + key;
            new Violations().add("module", "module '%s' is %s-scoped; manage it at %s".formatted(key,
                    module.scope().name().toLowerCase(), where)).throwIfAny("Wrong module scope");
        }
        return module;
    }

    private Map<String, ModuleInstall> installsOf(Owner owner) {
        var byKey = new LinkedHashMap<String, ModuleInstall>();
        (owner.tenant() != null ? installs.findByTenant(owner.tenant()) : installs.findByCluster(owner.cluster()))
                .forEach(i -> byKey.put(i.moduleKey(), i));
        return byKey;
    }

    private DesiredInstall validate(ModuleDefinition module, ModuleInstallSpec spec, ModuleInstall existing) {
        var v = new Violations();
        String version = spec.version() != null ? spec.version()
                : existing != null ? existing.chartVersion() : module.defaultVersion();
        if (!module.supports(version)) {
            v.add("version", "version '%s' of %s is not supported; supported: %s".formatted(version, module.key(),
                    String.join(", ", module.supportedVersions())));
        }
        Map<String, Object> values = spec.values() == null ? Map.of() : spec.values();
        var invalid = valuesValidator.validate(module, values);
        v.addAll(invalid);
        if (invalid.isEmpty()) {
            v.addAll(valuesPolicy.check(module, values, existing == null ? Map.of() : existing.values(),
                    access.isAdmin() ? ModuleValuesPolicy.Authority.PLATFORM_ADMIN
                            : ModuleValuesPolicy.Authority.TENANT_ADMIN));
        }
        v.throwIfAny("Invalid module install");
        SecretDelivery delivery = spec.secretDelivery() != null ? spec.secretDelivery()
                : existing != null && existing.secretDelivery() != null ? existing.secretDelivery()
                : SecretDelivery.EXTERNAL_SECRETS;
        return new DesiredInstall(spec.enabled() == null || spec.enabled(), version, values, delivery);
    }

    private void enableDependencies(Owner owner, ModuleDefinition module, Map<String, ModuleInstall> current,
                                    boolean enableMissing) {
        List<String> missing = catalog.dependencyClosure(module.key()).stream()
                .filter(dep -> current.get(dep) == null || !current.get(dep).enabled())
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        if (!enableMissing) {
            List<String> names = missing.stream().map(dep -> catalog.find(dep).map(ModuleDefinition::name).orElse(dep))
                    .toList();
            throw new ConflictException("%s needs %s, which %s not enabled for %s; enable %s first or send "
                    .formatted(module.name(), String.join(" and ", names), missing.size() == 1 ? "is" : "are",
                            owner.describe(),
                            missing.size() == 1 ? "it" : "them") + "\"enableDependencies\": true",
                    missing.stream().map(owner::target).toList());
        }
        for (String dep : missing) {
            ModuleDefinition depModule = catalog.find(dep).orElseThrow();
            ModuleInstall install = current.get(dep);
            boolean created = install == null;
            if (created) {
                install = new ModuleInstall(dep, owner.tenant(), owner.cluster());
            }
            Map<String, Object> before = created ? null : view(install).desired();
            DesiredInstall desired = created
                    ? new DesiredInstall(true, depModule.defaultVersion(), Map.of(), SecretDelivery.EXTERNAL_SECRETS)
                    : new DesiredInstall(true, install.chartVersion(), install.values(), install.secretDelivery());
            install.apply(desired, uiUrl(depModule, owner));
            installs.saveAndFlush(install);
            current.put(dep, install);
            audit.record(created ? AuditAction.CREATE : AuditAction.UPDATE, KIND, owner.target(dep), before,
                    view(install).desired());
        }
    }

    /** A tenant module that uses cluster components (KubeRay's operator) needs them on the tenant's cluster. */
    private void requireComponents(Owner owner, ModuleDefinition module) {
        if (owner.tenant() == null || module.components().isEmpty()) {
            return;
        }
        Cluster cluster = owner.targetCluster();
        var enabledOnCluster = new java.util.HashSet<String>();
        installs.findByCluster(cluster).stream().filter(ModuleInstall::enabled)
                .forEach(i -> enabledOnCluster.add(i.moduleKey()));
        List<String> missing = module.components().stream().filter(c -> !enabledOnCluster.contains(c)).toList();
        if (!missing.isEmpty()) {
            List<String> names = missing.stream()
                    .map(c -> catalog.find(c).map(m -> "%s (%s)".formatted(m.name(), c)).orElse(c)).toList();
            throw new ConflictException("%s uses the cluster component %s, which %s not enabled on cluster '%s'; a "
                    .formatted(module.name(), String.join(" and ", names), missing.size() == 1 ? "is" : "are",
                            cluster.name()) + "platform admin enables it first",
                    missing.stream().map(c -> "cluster-modules/" + cluster.name() + "/" + c).toList());
        }
    }

    /** A cluster component stays while tenant modules of its cluster use it. */
    private void requireNoTenantUsers(Owner owner, String key) {
        if (owner.cluster() == null) {
            return;
        }
        List<String> usingKeys = catalog.all().stream().filter(m -> m.components().contains(key))
                .map(ModuleDefinition::key).toList();
        List<String> users = usingKeys.isEmpty() ? List.of() : installs.enabledTenantInstalls(owner.cluster().name(),
                        usingKeys, PageQuery.first(50).pageable(org.springframework.data.domain.Sort.unsorted()))
                .stream().map(i -> TenantService.target(i.tenant().slug()) + "/modules/" + i.moduleKey())
                .sorted().toList();
        if (!users.isEmpty()) {
            throw new ConflictException("%s is used by %s; switch %s off first".formatted(key,
                    String.join(", ", users), users.size() == 1 ? "it" : "them"), users);
        }
    }

    private void requireNoEnabledDependents(Owner owner, String key, Map<String, ModuleInstall> current) {
        List<String> dependents = current.values().stream()
                .filter(i -> i.enabled() && !i.moduleKey().equals(key))
                .filter(i -> catalog.dependencyClosure(i.moduleKey()).contains(key))
                .map(i -> owner.target(i.moduleKey()))
                .sorted().toList();
        if (!dependents.isEmpty()) {
            throw new ConflictException("%s is needed by %s; disable %s first".formatted(key,
                    String.join(", ", dependents), dependents.size() == 1 ? "it" : "them"), dependents);
        }
    }

    private ModuleInstall find(Owner owner, String key) {
        definition(owner, key);
        ModuleInstall install = installsOf(owner).get(key);
        if (install == null) {
            throw new NotFoundException(KIND, owner.target(key));
        }
        return install;
    }

    private String uiUrl(ModuleDefinition module, Owner owner) {
        if (!module.webUi()) {
            return null;
        }
        return module.uiUrl(owner.tenant() == null ? null : owner.tenant().slug(), owner.targetCluster().name(),
                properties.ingressDomain());
    }

    private ModuleInstallView view(ModuleInstall i) {
        List<String> dependencies = catalog.find(i.moduleKey()).map(ModuleDefinition::dependencies).orElse(List.of());
        return new ModuleInstallView(i.moduleKey(), i.tenant() == null ? null : i.tenant().slug(),
                i.tenant() != null ? i.tenant().cluster().name() : i.cluster().name(), i.enabled(), i.chartVersion(),
                i.values(), i.secretDelivery(), i.generation(), i.observedGeneration(), i.phase(), i.conditions(),
                i.message(), i.uiUrl(), dependencies, i.version(), i.createdAt(), i.updatedAt());
    }
}
