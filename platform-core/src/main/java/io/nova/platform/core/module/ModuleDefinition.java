package io.nova.platform.core.module;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.core.module.integration.ModuleIntegration;
import io.nova.platform.core.module.integration.SignOn;
import io.nova.platform.core.module.integration.SignOnMethod;

/**
 * One installable tool of the catalog and the Helm chart that installs it.
 *
 * @param key               stable identifier, e.g. {@code jupyterhub}
 * @param scope             installed once per cluster or once per tenant
 * @param defaultVersion    chart version installed when none is asked for; one of {@code supportedVersions}
 * @param supportedVersions chart versions the platform installs, newest first
 * @param defaultValues     Helm values the platform starts from; secret-free
 * @param dependencies      keys of modules of the same scope that must be installed first
 * @param uiUrlPattern      e.g. {@code https://jupyter-{tenant}.{domain}}, with placeholders {@code {tenant}},
 *                          {@code {cluster}} and {@code {domain}}; null when the module has no web UI
 * @param valueKeys         top-level keys the chart's values.yaml accepts
 * @param releaseNamespace  namespace of a cluster module's release; null for tenant modules, which go in the
 *                          tenant's namespace
 * @param tenancy           how a tenant module is confined to its tenant (values policy, ports, pod security)
 * @param components        cluster modules that must be switched on in the tenant's cluster before a tenant may
 *                          switch this one on (KubeRay's operator for the {@code kuberay} module); a tenant module
 *                          without a chart only uses such a component in the tenant's namespace
 * @param integration       its route, sign-on and generated credentials (see {@link ModuleIntegration})
 */
public record ModuleDefinition(String key, String name, String description, ModuleScope scope, ChartSource chart,
                               String defaultVersion, List<String> supportedVersions,
                               Map<String, Object> defaultValues, List<String> dependencies, boolean webUi,
                               String uiUrlPattern, Set<String> valueKeys, String releaseNamespace,
                               ModuleTenancy tenancy, List<String> components, ModuleIntegration integration) {

    /**
     * The one version of a module without a chart: installs store a version, and such a module has none of its own
     * (it follows its cluster components').
     */
    public static final String NO_CHART_VERSION = "none";

    public ModuleDefinition {
        if (chart == null && defaultVersion == null && (supportedVersions == null || supportedVersions.isEmpty())) {
            defaultVersion = NO_CHART_VERSION;
            supportedVersions = List.of(NO_CHART_VERSION);
        }
        supportedVersions = supportedVersions == null ? List.of() : List.copyOf(supportedVersions);
        defaultValues = ImmutableValues.copyOf(defaultValues);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        valueKeys = valueKeys == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(valueKeys));
        tenancy = tenancy == null ? ModuleTenancy.closed() : tenancy;
        components = components == null ? List.of() : List.copyOf(components);
        integration = integration == null ? ModuleIntegration.none() : integration;
    }

    /** A module the platform wires nothing for (no route, sign-on or generated credentials). */
    public ModuleDefinition(String key, String name, String description, ModuleScope scope, ChartSource chart,
                            String defaultVersion, List<String> supportedVersions, Map<String, Object> defaultValues,
                            List<String> dependencies, boolean webUi, String uiUrlPattern, Set<String> valueKeys,
                            String releaseNamespace, ModuleTenancy tenancy, List<String> components) {
        this(key, name, description, scope, chart, defaultVersion, supportedVersions, defaultValues, dependencies,
                webUi, uiUrlPattern, valueKeys, releaseNamespace, tenancy, components, null);
    }

    /** A module with the closed tenancy and no cluster components. */
    public ModuleDefinition(String key, String name, String description, ModuleScope scope, ChartSource chart,
                            String defaultVersion, List<String> supportedVersions, Map<String, Object> defaultValues,
                            List<String> dependencies, boolean webUi, String uiUrlPattern, Set<String> valueKeys,
                            String releaseNamespace) {
        this(key, name, description, scope, chart, defaultVersion, supportedVersions, defaultValues, dependencies,
                webUi, uiUrlPattern, valueKeys, releaseNamespace, null, null, null);
    }

    /**
     * The credentials the platform generates for this tool: the catalog's, and for a tool behind oauth2-proxy the
     * proxy's cookie secret ({@link SignOn#proxyCookieSecret}).
     */
    public List<GeneratedCredential> generatedCredentials() {
        if (integration.signOn().method() != SignOnMethod.OAUTH2_PROXY) {
            return integration.credentials();
        }
        var credentials = new java.util.ArrayList<>(integration.credentials());
        credentials.add(SignOn.proxyCookieSecret(key));
        return List.copyOf(credentials);
    }

    /** Whether Flux installs a chart for it; a module without one only uses a cluster component. */
    public boolean hasChart() {
        return chart != null;
    }

    public boolean supports(String version) {
        return version != null && supportedVersions.contains(version);
    }

    /** The module's web UI address, or null when it has none; the placeholders its pattern uses must be given. */
    public String uiUrl(String tenant, String cluster, String domain) {
        if (uiUrlPattern == null) {
            return null;
        }
        var url = fill(uiUrlPattern, "tenant", tenant);
        url = fill(url, "cluster", cluster);
        return fill(url, "domain", domain);
    }

    private String fill(String url, String placeholder, String value) {
        var token = "{" + placeholder + "}";
        if (!url.contains(token)) {
            return url;
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "module '%s' needs a %s for its UI address %s".formatted(key, placeholder, uiUrlPattern));
        }
        return url.replace(token, value);
    }
}
