package io.nova.platform.core.module;

import java.util.List;

/**
 * How a module is kept inside its tenant, as the catalog says it.
 *
 * @param tenantValues    value paths a tenant admin may set ({@code singleuser.cpu}; a path allows everything
 *                        beneath it; {@code *} stands for one key). Anything else is the platform admins' or the
 *                        platform's own.
 * @param adminValues     value paths a platform admin may set; {@code *} (the default) is every key the chart knows
 * @param podSecurity     the Pod Security level the tool's pods run under: {@code restricted} or {@code baseline}
 * @param uiPorts         container ports the ingress controller may reach (the tool's web UI and API)
 * @param metricsPorts    container ports the monitoring namespace may scrape
 * @param kubernetesApi   whether the tool's pods talk to the Kubernetes API (JupyterHub spawns pods, Airflow launches
 *                        task pods), so their egress to the API server is allowed
 * @param serviceAccounts the service accounts of the tool's pods that read its secrets from Vault; the tool's
 *                        Kubernetes auth role binds only these
 * @param sensitiveValues value paths (dotted) shown as {@value SensitiveValues#REDACTED} to those who may read a
 *                        tenant but not change it (viewers, members): code and settings where a secret could hide
 *                        from the values checks ({@code hub.extraConfig}, {@code airflowLocalSettings})
 */
public record ModuleTenancy(List<String> tenantValues, List<String> adminValues, String podSecurity,
                            List<Integer> uiPorts, List<Integer> metricsPorts, Boolean kubernetesApi,
                            List<String> serviceAccounts, List<String> sensitiveValues) {

    public static final String RESTRICTED = "restricted";
    public static final String BASELINE = "baseline";
    public static final String ANY_KNOWN_KEY = "*";

    public ModuleTenancy {
        tenantValues = tenantValues == null ? List.of() : List.copyOf(tenantValues);
        adminValues = adminValues == null ? List.of(ANY_KNOWN_KEY) : List.copyOf(adminValues);
        podSecurity = podSecurity == null ? BASELINE : podSecurity;
        uiPorts = uiPorts == null ? List.of() : List.copyOf(uiPorts);
        metricsPorts = metricsPorts == null ? List.of() : List.copyOf(metricsPorts);
        serviceAccounts = serviceAccounts == null ? List.of() : List.copyOf(serviceAccounts);
        kubernetesApi = Boolean.TRUE.equals(kubernetesApi);
        sensitiveValues = sensitiveValues == null ? List.of() : List.copyOf(sensitiveValues);
    }

    public ModuleTenancy(List<String> tenantValues, List<String> adminValues, String podSecurity,
                         List<Integer> uiPorts, List<Integer> metricsPorts, Boolean kubernetesApi,
                         List<String> serviceAccounts) {
        this(tenantValues, adminValues, podSecurity, uiPorts, metricsPorts, kubernetesApi, serviceAccounts, null);
    }

    /** Nothing for tenants, everything the chart knows for admins, baseline pods, no ports. */
    public static ModuleTenancy closed() {
        return new ModuleTenancy(null, null, null, null, null, false, null, null);
    }
}
