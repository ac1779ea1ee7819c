package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.nova.platform.core.module.ChartSourceType;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.integration.ToolRoute;
import io.nova.platform.k8s.render.tool.ToolContext;
import io.nova.platform.k8s.render.tool.ToolTenant;
import io.nova.platform.k8s.render.tool.ToolValues;
import io.nova.platform.k8s.render.tool.Tools;

/**
 * For an enabled module with a chart: its chart source (Flux HelmRepository or OCIRepository) and a HelmRelease with
 * the chart version, the layered values, {@code dependsOn} for its dependencies, install/upgrade remediation and drift
 * detection, the route to its web UI ({@link ToolRouteRenderer}), and for a tool behind oauth2-proxy the proxy's
 * release ({@link OAuth2ProxyRenderer}), which the route then points at. A module without a chart (it only uses a
 * cluster component) renders nothing.
 *
 * <p>Tenant releases live in the tenant's namespace and reconcile as the tenant's
 * {@value TenantReconcilerRenderer#NAME} ServiceAccount, never touching CRDs; cluster releases live in Flux's namespace
 * with their own target namespace, reconcile as {@value #CLUSTER_RECONCILER} and create or replace their CRDs.
 *
 * <p>Values, the later layer winning: the catalog's defaults, the install's own values (tenant or admin), then the
 * platform's: values the caller passes (GPU sharing) and the tool's own {@link ToolValues} (login, credentials,
 * peers, confinement to the tenant namespace).
 */
final class ModuleReleaseRenderer {

    /** The ServiceAccount in Flux's namespace that cluster releases reconcile as (bound to cluster-admin there). */
    static final String CLUSTER_RECONCILER = FluxBootstrapRenderer.SERVICE_ACCOUNT;

    private final RenderSettings settings;
    private final ToolRouteRenderer routes;
    private final OAuth2ProxyRenderer proxies;

    ModuleReleaseRenderer(RenderSettings settings) {
        this.settings = settings;
        this.routes = new ToolRouteRenderer(settings.routes());
        this.proxies = new OAuth2ProxyRenderer(settings);
    }

    /**
     * @param tenant the tenant of a tenant module (its groups and GPU offers); null for a cluster module
     */
    List<HasMetadata> render(String cluster, String namespace, ModuleSnapshot install, List<ModuleSnapshot> peers,
                             ToolTenant tenant, Map<String, Object> platformValues) {
        ModuleDefinition module = install.module();
        if (!install.enabled() || !module.hasChart()) {
            return List.of();
        }
        boolean tenantRelease = install.tenant() != null;
        String releaseNamespace = install.tenant() == null ? settings.fluxNamespace() : namespace;
        var labels = Labels.module(cluster, install.tenant(), module.key());
        var objects = new ArrayList<HasMetadata>();
        objects.add(source(module, install.version(), releaseNamespace, labels));

        var spec = new LinkedHashMap<String, Object>();
        spec.put("interval", "10m");
        spec.put("releaseName", module.key());
        if (module.chart().type() == ChartSourceType.OCI) {
            spec.put("chartRef", Map.of("kind", "OCIRepository", "name", module.key()));
        } else {
            spec.put("chart", Map.of("spec", Map.of("chart", module.chart().chart(), "version", install.version(),
                    "sourceRef", Map.of("kind", "HelmRepository", "name", module.key()), "interval", "1h")));
        }
        if (!tenantRelease) {
            spec.put("targetNamespace", module.releaseNamespace());
            spec.put("storageNamespace", module.releaseNamespace());
        }
        reconcile(spec, tenantRelease);
        List<String> chartDependencies = module.dependencies().stream().filter(dep -> peers.stream()
                .noneMatch(peer -> peer.module().key().equals(dep) && !peer.module().hasChart())).toList();
        if (!chartDependencies.isEmpty()) {
            spec.put("dependsOn", chartDependencies.stream().map(dep -> Map.of("name", dep)).toList());
        }
        var context = new ToolContext(tenantRelease ? namespace : module.releaseNamespace(), install, peers, tenant,
                settings.vaultSecrets() ? settings.signOnEndpoints() : null, settings.platformGroups());
        Map<String, Object> values = Values.merge(module.defaultValues(),
                Tools.tenantValues(context), platformValues, Tools.values(context));
        if (!values.isEmpty()) {
            spec.put("values", values);
        }
        objects.add(GenericObjects.of(GenericObjects.HELM_RELEASE, "HelmRelease", releaseNamespace, module.key(),
                labels, spec));
        objects.addAll(proxies.render(context, labels));
        if (module.integration().webRoute().isPresent()) {
            ToolRoute backend = proxies.backend(install);
            routes.render(cluster, namespace, install, backend.service(), backend.port()).ifPresent(objects::add);
        }
        return objects;
    }

    /**
     * Who a release reconciles as, how it treats CRDs, its install/upgrade remediation and drift detection: a tenant
     * release as the tenant's {@value TenantReconcilerRenderer#NAME}, never touching CRDs.
     */
    static void reconcile(Map<String, Object> spec, boolean tenantRelease) {
        spec.put("serviceAccountName", tenantRelease ? TenantReconcilerRenderer.NAME : CLUSTER_RECONCILER);
        // CRDs are cluster-wide and shared by every tenant: only cluster releases may create or replace them
        String crds = tenantRelease ? "Skip" : "CreateReplace";
        var install = new LinkedHashMap<String, Object>();
        install.put("crds", crds);
        install.put("remediation", Map.of("retries", 3));
        if (!tenantRelease) {
            install.put("createNamespace", true);
        }
        spec.put("install", install);
        spec.put("upgrade", Map.of("crds", crds, "cleanupOnFail", true,
                "remediation", Map.of("retries", 3, "remediateLastFailure", true, "strategy", "rollback")));
        spec.put("driftDetection", Map.of("mode", "enabled"));
    }

    private HasMetadata source(ModuleDefinition module, String version, String namespace, Map<String, String> labels) {
        if (module.chart().type() == ChartSourceType.OCI) {
            return GenericObjects.of(GenericObjects.FLUX_SOURCE, "OCIRepository", namespace, module.key(), labels,
                    Map.of("interval", "1h", "url", module.chart().url(), "ref", Map.of("tag", version),
                            "layerSelector", Map.of("mediaType", "application/vnd.cncf.helm.chart.content.v1.tar+gzip",
                                    "operation", "copy")));
        }
        return GenericObjects.of(GenericObjects.FLUX_SOURCE, "HelmRepository", namespace, module.key(), labels,
                Map.of("interval", "1h", "url", module.chart().url()));
    }
}
