package io.nova.platform.vault.clustertools;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.nova.platform.core.identity.ClusterToolClient;
import io.nova.platform.core.identity.ClusterToolIdentity;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.vault.k8sauth.KubernetesAuthRoleProvisioner;
import io.nova.platform.vault.kv.TenantKvStore;
import io.nova.platform.vault.oidc.ClientCredentials;
import io.nova.platform.vault.oidc.OidcClientProvisioner;
import io.nova.platform.vault.oidc.OidcClientSpec;
import io.nova.platform.vault.oidc.TenantAssignmentProvisioner;
import io.nova.platform.vault.policy.TenantPolicyProvisioner;
import io.nova.platform.vault.support.Changes;

/**
 * What Vault holds for the web UIs of one cluster's own components (Grafana of the monitoring stack, ...), in small
 * steps that write only what differs:
 * <ol>
 *   <li>the OIDC assignment {@code nova-cluster_<cluster>} of the platform's admin and viewer groups: nobody else may log in;</li>
 *   <li>per UI its OIDC client {@code nova-cluster_<cluster>.<module>} with the UI's exact redirect URIs, its credentials in
 *   KV at {@code clusters/<cluster>/oidc/<module>}, a policy of the same name that reads that secret only, and a
 *   Kubernetes auth role of the same name bound only to {@value VaultNames#SECRET_STORE_SERVICE_ACCOUNT} in the
 *   component's namespace, for the secret store that delivers the client there;</li>
 *   <li>the clients, secrets, policies and roles of UIs no longer listed are deleted; without any UI, the assignment
 *   too.</li>
 * </ol>
 */
public final class ClusterToolsProvisioner {

    private final OidcClientProvisioner clients;
    private final TenantAssignmentProvisioner assignments;
    private final TenantPolicyProvisioner policies;
    private final KubernetesAuthRoleProvisioner roles;
    private final TenantKvStore kv;

    public ClusterToolsProvisioner(OidcClientProvisioner clients, TenantAssignmentProvisioner assignments,
                                   TenantPolicyProvisioner policies, KubernetesAuthRoleProvisioner roles,
                                   TenantKvStore kv) {
        this.clients = clients;
        this.assignments = assignments;
        this.policies = policies;
        this.roles = roles;
        this.kv = kv;
    }

    /** Failures are recorded per entry (module key) in {@code changes}; Vault being unreachable throws. */
    public void ensure(ClusterToolIdentity identity, Changes changes) {
        String cluster = identity.cluster();
        String assignment = VaultNames.clusterToolsName(cluster);
        boolean anyClient = identity.clients().stream().anyMatch(ClusterToolClient::signsOn);
        if (anyClient) {
            changes.attempt(TenantAssignmentProvisioner.KIND + " " + assignment,
                    () -> assignments.ensureNamed(assignment, identity.groups(), changes));
        }
        for (ClusterToolClient client : identity.clients()) {
            changes.attempt(client.module(), () -> ensure(cluster, client, assignment, changes));
        }
        Set<String> requested = identity.clients().stream().map(ClusterToolClient::module)
                .collect(Collectors.toSet());
        // what an earlier run left: a client's secret, or a role of the cluster's (an entry without a client)
        var unrequested = new java.util.TreeSet<>(kv.secretsIn(VaultNames.clusterPath(cluster) + "/oidc"));
        String prefix = VaultNames.clusterToolName(cluster, "");
        roles.names().stream().filter(role -> role.startsWith(prefix))
                .forEach(role -> unrequested.add(role.substring(prefix.length())));
        unrequested.removeAll(requested);
        for (String module : unrequested) {
            changes.attempt(module, () -> remove(cluster, module, changes));
        }
        if (!anyClient) {
            changes.attempt(TenantAssignmentProvisioner.KIND + " " + assignment,
                    () -> assignments.removeNamed(assignment, changes));
        }
    }

    private void ensure(String cluster, ClusterToolClient client, String assignment, Changes changes) {
        String name = VaultNames.clusterToolName(cluster, client.module());
        String own = VaultNames.clusterPath(cluster) + "/";
        for (String path : client.readPaths()) {
            if (!path.startsWith(own) || path.contains("..")) {
                changes.fail(client.module(), "%s may read only paths of its cluster (%s...), not %s"
                        .formatted(name, own, path));
                return;
            }
        }
        var paths = new ArrayList<>(client.readPaths());
        if (client.signsOn()) {
            clients.ensureWithSecret(new OidcClientSpec(name, client.redirectUris(), List.of(assignment)), kv,
                    VaultNames.clusterOidcSecretPath(cluster, client.module()), changes);
            paths.addFirst(VaultNames.clusterOidcSecretPath(cluster, client.module()));
        } else {
            removeClient(cluster, client.module(), changes);
        }
        policies.ensureClusterTool(cluster, client.module(), paths, changes);
        roles.ensureRole(name, name, client.namespace(), List.of(VaultNames.SECRET_STORE_SERVICE_ACCOUNT), changes);
    }

    private void remove(String cluster, String module, Changes changes) {
        String name = VaultNames.clusterToolName(cluster, module);
        roles.deleteIfPresent(name, changes);
        policies.deleteIfPresent(name, changes);
        removeClient(cluster, module, changes);
    }

    private void removeClient(String cluster, String module, Changes changes) {
        String name = VaultNames.clusterToolName(cluster, module);
        if (clients.read(name).isPresent()) {
            clients.delete(name, changes);
        }
        if (kv.read(VaultNames.clusterOidcSecretPath(cluster, module)).isPresent()) {
            kv.delete(VaultNames.clusterOidcSecretPath(cluster, module), changes);
        }
    }
}
