package io.nova.platform.k8s.render;

import java.util.List;

/**
 * How tenant namespaces are fenced in: the system namespaces their policies may name as peers, the API server and
 * Vault addresses their tools may reach, the Pod Security version and the object counts of their quota.
 *
 * @param ingressNamespace    where the ingress controller runs; it may reach the enabled tools' UI ports only
 * @param monitoringNamespace where Prometheus runs; it may scrape the enabled tools' metrics ports only
 * @param apiServerCidrs      the Kubernetes API server's addresses (CIDRs, e.g. {@code 10.0.0.1/32}) that tools which
 *                            talk to the API may reach on 443 and 6443; empty: no such egress
 * @param vaultNamespace      where Vault (or StarVault) runs; pods reach it on {@code vaultPort} for their secrets
 * @param vaultPort           Vault's port
 * @param podSecurityVersion  the Pod Security Standards version the namespace labels pin, e.g. {@code v1.33}
 * @param maxPods             the pod count of a tenant's quota
 * @param maxVolumeClaims     the PersistentVolumeClaim count of a tenant's quota
 */
public record TenantIsolationSettings(String ingressNamespace, String monitoringNamespace,
                                      List<String> apiServerCidrs, String vaultNamespace, int vaultPort,
                                      String podSecurityVersion, int maxPods, int maxVolumeClaims) {

    public static final String DEFAULT_INGRESS_NAMESPACE = "ingress-nginx";
    public static final String DEFAULT_MONITORING_NAMESPACE = "monitoring";
    public static final String DEFAULT_VAULT_NAMESPACE = "vault";
    public static final int DEFAULT_VAULT_PORT = 8200;
    public static final String DEFAULT_POD_SECURITY_VERSION = "v1.33";
    public static final int DEFAULT_MAX_PODS = 500;
    public static final int DEFAULT_MAX_VOLUME_CLAIMS = 100;

    public TenantIsolationSettings {
        ingressNamespace = orDefault(ingressNamespace, DEFAULT_INGRESS_NAMESPACE);
        monitoringNamespace = orDefault(monitoringNamespace, DEFAULT_MONITORING_NAMESPACE);
        apiServerCidrs = apiServerCidrs == null ? List.of()
                : apiServerCidrs.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).toList();
        vaultNamespace = orDefault(vaultNamespace, DEFAULT_VAULT_NAMESPACE);
        vaultPort = vaultPort <= 0 ? DEFAULT_VAULT_PORT : vaultPort;
        podSecurityVersion = orDefault(podSecurityVersion, DEFAULT_POD_SECURITY_VERSION);
        maxPods = maxPods <= 0 ? DEFAULT_MAX_PODS : maxPods;
        maxVolumeClaims = maxVolumeClaims <= 0 ? DEFAULT_MAX_VOLUME_CLAIMS : maxVolumeClaims;
    }

    public static TenantIsolationSettings defaults() {
        return new TenantIsolationSettings(null, null, null, null, 0, null, 0, 0);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
