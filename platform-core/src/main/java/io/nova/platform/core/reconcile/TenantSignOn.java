package io.nova.platform.core.reconcile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.cluster.DeliveryMode;
import io.nova.platform.core.desired.DesiredState;
import io.nova.platform.core.identity.ClusterToolClient;
import io.nova.platform.core.identity.ClusterToolIdentity;
import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.core.module.ModulePhase;
import io.nova.platform.core.module.ModuleSnapshot;
import io.nova.platform.core.module.ModuleStatusReport;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.core.tenant.TenantState;

/**
 * The reconcile step that makes Vault hold every tenant's OIDC clients, assignment, and per-tool policies and roles
 * (bound to the service accounts the catalog lists for the tool; none for a suspended tenant), and the clients of the
 * cluster's own web UIs (for the platform's admins and viewers), before the objects that reference them are
 * delivered; and what its outcome means for the tools' status.
 */
public final class TenantSignOn {

    private final TenantSecrets secrets;
    private final List<String> platformGroups;
    private final String fluxNamespace;

    /**
     * @param platformGroups the platform's admin and viewer groups: who may log in to the cluster's own web UIs
     * @param fluxNamespace  where Flux runs, whose secret store delivers a private GitOps repository's credentials
     */
    public TenantSignOn(TenantSecrets secrets, List<String> platformGroups, String fluxNamespace) {
        this.secrets = secrets;
        this.platformGroups = List.copyOf(platformGroups);
        this.fluxNamespace = fluxNamespace;
    }

    /**
     * Provisions (or only plans) each tenant, and with {@code clusterUnit} the cluster's own web UIs, whose report is
     * under {@link ReconcileUnits#CLUSTER}; one tenant's failure does not stop the others.
     */
    Map<String, ProvisioningReport> provision(DesiredState state, boolean apply, boolean clusterUnit) {
        var reports = new LinkedHashMap<String, ProvisioningReport>();
        if (clusterUnit) {
            var clients = state.clusterModules().stream().filter(m -> m.enabled() && m.uiUrl() != null
                            && m.module().integration().signOn().needsClient())
                    .map(m -> new ClusterToolClient(m.module().key(), m.module().releaseNamespace(),
                            m.module().integration().signOn().redirectUris(m.uiUrl())))
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
            var gitops = state.cluster().gitops();
            if (state.cluster().deliveryMode() == DeliveryMode.GITOPS && gitops != null
                    && gitops.credentialsRef() != null) {
                clients.add(new ClusterToolClient(ClusterToolClient.GITOPS, fluxNamespace, List.of(),
                        List.of(gitops.credentialsRef())));
            }
            var identity = new ClusterToolIdentity(state.cluster().name(), platformGroups, clients);
            reports.put(ReconcileUnits.CLUSTER, apply && secrets.configured() ? secrets.provisionClusterTools(identity)
                    : secrets.planClusterTools(identity));
        }
        for (TenantSnapshot tenant : state.tenants()) {
            List<ModuleSnapshot> enabled = state.modulesOf(tenant.slug()).stream().filter(ModuleSnapshot::enabled)
                    .toList();
            List<OidcClientRequest> clients = enabled.stream()
                    .filter(m -> m.uiUrl() != null && m.module().integration().signOn().needsClient())
                    .map(m -> new OidcClientRequest(m.module().key(),
                            m.module().integration().signOn().redirectUris(m.uiUrl()),
                            m.module().tenancy().serviceAccounts()))
                    .toList();
            List<GeneratedCredential> credentials = enabled.stream()
                    .flatMap(m -> m.module().generatedCredentials().stream()).toList();
            // Members log in to the tools as well as owners: the OIDC assignment holds both.
            var groups = java.util.stream.Stream.concat(tenant.ownerGroups().stream(), tenant.memberGroups().stream())
                    .distinct().toList();
            var identity = new TenantIdentity(tenant.slug(), tenant.namespace(), groups, clients,
                    tenant.state() == TenantState.SUSPENDED, credentials);
            reports.put(tenant.slug(), apply && secrets.configured() ? secrets.provision(identity)
                    : secrets.plan(identity));
        }
        return reports;
    }

    /** What changed (or would change) in Vault, per tenant; never a secret. */
    List<String> actions(Map<String, ProvisioningReport> reports) {
        var actions = new ArrayList<String>();
        reports.forEach((unit, report) -> report.actions().forEach(action ->
                actions.add(subject(unit, report) + ": " + action)));
        return actions;
    }

    /** The tenants Vault failed for: they are not done, whatever Git or the cluster took. */
    java.util.Set<String> failed(Map<String, ProvisioningReport> reports) {
        var failed = new java.util.HashSet<String>();
        reports.forEach((unit, report) -> {
            if (secrets.configured() && report.error() != null || !report.failures().isEmpty()) {
                failed.add(unit);
            }
        });
        return failed;
    }

    /** Vault's failures as the reconcile's problems. */
    List<String> problems(Map<String, ProvisioningReport> reports) {
        var problems = new ArrayList<String>();
        reports.forEach((unit, report) -> {
            String subject = unit.equals(ReconcileUnits.CLUSTER) ? "cluster " + report.tenant()
                    : "tenant " + report.tenant();
            if (secrets.configured() && report.error() != null) {
                problems.add("Vault, %s: %s".formatted(subject, report.error()));
            }
            report.failures().forEach((module, failure) ->
                    problems.add("Vault, %s, %s: %s".formatted(subject, module, failure)));
        });
        return problems;
    }

    private static String subject(String unit, ProvisioningReport report) {
        return unit.equals(ReconcileUnits.CLUSTER) ? "cluster " + report.tenant() : report.tenant();
    }

    /**
     * An enabled tool whose OIDC client or generated credentials could not be provisioned is DEGRADED, saying why;
     * without Vault, a tool that needs generated credentials says what to configure (the platform never writes a
     * plain Secret into Git or the cluster in their place).
     */
    List<ModuleStatusReport> decorate(List<ModuleStatusReport> statuses, DesiredState state,
                                      Map<String, ProvisioningReport> reports) {
        var tools = new java.util.HashMap<String, ModuleSnapshot>();
        state.modules().stream().filter(ModuleSnapshot::enabled)
                .forEach(m -> tools.put(unit(m.tenant()) + "/" + m.module().key(), m));
        return statuses.stream().map(status -> decorate(status,
                tools.get(unit(status.tenant()) + "/" + status.module()), reports)).toList();
    }

    private ModuleStatusReport decorate(ModuleStatusReport status, ModuleSnapshot tool,
                                        Map<String, ProvisioningReport> reports) {
        if (tool == null) {
            return status;
        }
        boolean needsClient = tool.uiUrl() != null && tool.module().integration().signOn().needsClient();
        List<GeneratedCredential> credentials = tool.module().generatedCredentials();
        if (!secrets.configured()) {
            if (!credentials.isEmpty()) {
                return new ModuleStatusReport(status.tenant(), status.module(), status.observedGeneration(),
                        ModulePhase.DEGRADED, status.message() + ("; its credentials (%s) need StarVault: configure "
                        + "nova.vault.* so that the platform generates them there and the tenant's secret store "
                        + "delivers them").formatted(String.join(", ", credentials.stream()
                        .map(GeneratedCredential::secret).toList())));
            }
            return needsClient ? new ModuleStatusReport(status.tenant(), status.module(), status.observedGeneration(),
                    status.phase(), status.message() + "; single sign-on not provisioned: Vault is not configured")
                    : status;
        }
        ProvisioningReport tenant = reports.get(unit(status.tenant()));
        if (tenant == null || !needsClient && credentials.isEmpty()) {
            return status;
        }
        String problem = null;
        if (tenant.error() != null) {
            problem = (needsClient ? "Single sign-on: " : "Credentials: ") + tenant.error();
        } else if (needsClient && tenant.failures().get(status.module()) != null) {
            problem = "Single sign-on: " + tenant.failures().get(status.module());
        }
        for (GeneratedCredential credential : credentials) {
            String failure = tenant.failures().get(CREDENTIAL_FAILURE + credential.secret());
            if (problem == null && failure != null) {
                problem = "Credential %s: %s".formatted(credential.secret(), failure);
            }
        }
        return problem == null ? status : new ModuleStatusReport(status.tenant(), status.module(),
                status.observedGeneration(), ModulePhase.DEGRADED, problem);
    }

    /** The reports' key of a tenant's tool, or of a cluster component's ({@code tenant} null). */
    private static String unit(String tenant) {
        return tenant == null ? ReconcileUnits.CLUSTER : tenant;
    }

    /** How the Vault side names a generated credential's failure in a report ("generated credential <secret>"). */
    static final String CREDENTIAL_FAILURE = "generated credential ";
}
