package io.nova.platform.k8s.render;

import java.util.Map;

/**
 * The values the platform sets on a tenant module's chart so that its release stays inside the tenant namespace and
 * inside what {@link TenantReconcilerRenderer}'s Role allows, merged after the tenant's own values so they always win:
 * <ul>
 *   <li>the charts' own NetworkPolicies off (the platform renders the tenant's network policies);</li>
 *   <li>no cluster-scoped or node-wide parts: JupyterHub's user scheduler (a ClusterRole) and image pullers (a
 *   DaemonSet on every node), Airflow's multi-namespace mode (a ClusterRole for pods everywhere);</li>
 *   <li>fixed ServiceAccount names, so that Vault's Kubernetes auth role of a tool binds exactly the accounts listed
 *   in its catalog tenancy ({@code tenancy.serviceAccounts}), whatever the release is called;</li>
 *   <li>JupyterHub's iptables init container, which needs privileges Pod Security baseline forbids; the tenant's
 *   egress policy blocks the cloud metadata address instead.</li>
 * </ul>
 * Paths are checked against the reference charts' values.yaml in TenantChartsRenderTest.
 */
final class TenantChartValues {

    private static final Map<String, Map<String, Object>> BY_MODULE = Map.of(
            "jupyterhub", Values.merge(
                    Values.at("hub.networkPolicy.enabled", false),
                    Values.at("proxy.chp.networkPolicy.enabled", false),
                    Values.at("proxy.traefik.networkPolicy.enabled", false),
                    Values.at("singleuser.networkPolicy.enabled", false),
                    Values.at("singleuser.cloudMetadata.blockWithIptables", false),
                    Values.at("hub.serviceAccount", Map.of("create", true, "name", "hub")),
                    Values.at("rbac.create", true),
                    Values.at("scheduling.userScheduler.enabled", false),
                    Values.at("prePuller.hook.enabled", false),
                    Values.at("prePuller.continuous.enabled", false)),
            "mlflow", Values.at("serviceAccount", Map.of("create", true, "name", "mlflow")),
            "airflow", Values.merge(
                    Map.of("multiNamespaceMode", false),
                    Values.at("networkPolicies.enabled", false),
                    Values.at("rbac.create", true),
                    Values.at("apiServer.serviceAccount", Map.of("create", true, "name", "airflow-api-server")),
                    Values.at("webserver.serviceAccount", Map.of("create", true, "name", "airflow-webserver")),
                    Values.at("scheduler.serviceAccount", Map.of("create", true, "name", "airflow-scheduler")),
                    Values.at("workers.serviceAccount", Map.of("create", true, "name", "airflow-worker")),
                    Values.at("triggerer.serviceAccount", Map.of("create", true, "name", "airflow-triggerer")),
                    Values.at("dagProcessor.serviceAccount", Map.of("create", true, "name", "airflow-dag-processor"))),
            "minio", Values.merge(
                    Values.at("serviceAccount", Map.of("create", true, "name", "minio-sa")),
                    Values.at("networkPolicy.enabled", false)));

    private TenantChartValues() {
    }

    /** The platform's own values for a tenant module's chart; empty for modules it knows nothing special about. */
    static Map<String, Object> of(String moduleKey) {
        return BY_MODULE.getOrDefault(moduleKey, Map.of());
    }
}
