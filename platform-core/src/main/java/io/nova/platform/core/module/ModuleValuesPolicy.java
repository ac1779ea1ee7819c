package io.nova.platform.core.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.nova.platform.core.common.FieldViolation;

/**
 * Who may set which Helm value of a module. A tenant admin is treated as an adversary: the tenant's release runs
 * inside its namespace, and no value may widen that (RBAC, other namespaces, the nodes, the platform's addresses).
 * <ul>
 *   <li>Tenant admins may set only the paths of the module's {@link ModuleTenancy#tenantValues()}; even there, keys
 *   that widen rights or reach the node ({@link RiskyKeys}), Helm templates ({@code {{}) and NVIDIA device
 *   variables are refused.</li>
 *   <li>Platform admins may set the paths of {@link ModuleTenancy#adminValues()} ({@code *}: every key the chart
 *   knows).</li>
 *   <li>A value a tenant admin sends back unchanged (one an admin set) is kept: only additions and changes are
 *   checked.</li>
 * </ul>
 * Paths are named like the rest of the API: {@code values.singleuser.nodeSelector}.
 */
public final class ModuleValuesPolicy {

    /** Whose request it is. */
    public enum Authority { TENANT_ADMIN, PLATFORM_ADMIN }

    private static final String ROOT = "values";
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final String TEMPLATE = "{{";

    public List<FieldViolation> check(ModuleDefinition module, Map<String, Object> values,
                                      Map<String, Object> current, Authority authority) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<List<String>> allowed = parse(authority == Authority.TENANT_ADMIN ? module.tenancy().tenantValues()
                : module.tenancy().adminValues());
        var violations = new ArrayList<FieldViolation>();
        walk(module, authority, allowed, List.of(), values, current == null ? Map.of() : current, violations);
        return List.copyOf(violations);
    }

    private void walk(ModuleDefinition module, Authority authority, List<List<String>> allowed, List<String> path,
                      Object value, Object current, List<FieldViolation> violations) {
        if (!path.isEmpty() && Objects.equals(value, current)) {
            return;
        }
        if (!path.isEmpty()) {
            String key = path.getLast();
            if (authority == Authority.TENANT_ADMIN && key.contains(TEMPLATE)) {
                violations.add(new FieldViolation(name(path), templateMessage()));
                return;
            }
            if (!covered(allowed, path)) {
                if (!leadsInto(allowed, path) || !(value instanceof Map<?, ?>)) {
                    violations.add(new FieldViolation(name(path), notAllowed(module, authority, key)));
                    return;
                }
            } else if (authority == Authority.TENANT_ADMIN) {
                tenantContent(path, value, current, violations);
                return;
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<?, ?> currentMap = current instanceof Map<?, ?> m ? m : Map.of();
            for (var entry : map.entrySet()) {
                var child = new ArrayList<>(path);
                child.add(String.valueOf(entry.getKey()));
                walk(module, authority, allowed, child, entry.getValue(), currentMap.get(entry.getKey()), violations);
            }
        }
    }

    /** Inside a path tenants may set: still no risky keys, templates or NVIDIA device variables anywhere below. */
    private void tenantContent(List<String> path, Object value, Object current, List<FieldViolation> violations) {
        if (Objects.equals(value, current)) {
            return;
        }
        String key = path.getLast();
        String risk = RiskyKeys.reason(key);
        if (risk != null) {
            violations.add(new FieldViolation(name(path), "'%s' %s; tenant admins may not set it".formatted(key, risk)));
            return;
        }
        if (NvidiaVariables.matches(key)) {
            violations.add(new FieldViolation(name(path), NvidiaVariables.message(key)));
            return;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.get("name") instanceof String variable && NvidiaVariables.matches(variable)) {
                violations.add(new FieldViolation(name(path), NvidiaVariables.message(variable)));
                return;
            }
            Map<?, ?> currentMap = current instanceof Map<?, ?> m ? m : Map.of();
            for (var entry : map.entrySet()) {
                var child = new ArrayList<>(path);
                child.add(String.valueOf(entry.getKey()));
                if (child.getLast().contains(TEMPLATE)) {
                    violations.add(new FieldViolation(name(child), templateMessage()));
                    continue;
                }
                tenantContent(child, entry.getValue(), currentMap.get(entry.getKey()), violations);
            }
        } else if (value instanceof List<?> list) {
            List<?> currentList = current instanceof List<?> l ? l : List.of();
            for (int i = 0; i < list.size(); i++) {
                var child = new ArrayList<>(path);
                child.add("[" + i + "]");
                tenantContent(child, list.get(i), i < currentList.size() ? currentList.get(i) : null, violations);
            }
        } else if (value instanceof String text && text.contains(TEMPLATE)) {
            violations.add(new FieldViolation(name(path), templateMessage()));
        }
    }

    private static boolean covered(List<List<String>> allowed, List<String> path) {
        return allowed.stream().anyMatch(pattern -> pattern.size() <= path.size() && matches(pattern, path));
    }

    /** Whether some allowed path lies below this one, so that the walk must go deeper to decide. */
    private static boolean leadsInto(List<List<String>> allowed, List<String> path) {
        return allowed.stream().anyMatch(pattern -> pattern.size() > path.size() && matches(pattern, path));
    }

    private static boolean matches(List<String> pattern, List<String> path) {
        int n = Math.min(pattern.size(), path.size());
        for (int i = 0; i < n; i++) {
            String segment = pattern.get(i);
            if (!segment.equals(ModuleTenancy.ANY_KNOWN_KEY) && !segment.equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<List<String>> parse(List<String> patterns) {
        return patterns.stream().map(p -> List.of(p.split("\\."))).toList();
    }

    private static String notAllowed(ModuleDefinition module, Authority authority, String key) {
        if (authority == Authority.PLATFORM_ADMIN) {
            return "the module catalog does not let anyone set this value of module '%s'; platform admins may set: %s"
                    .formatted(module.key(), String.join(", ", module.tenancy().adminValues()));
        }
        String risk = RiskyKeys.reason(key);
        String why = risk != null ? "'%s' %s, so ".formatted(key, risk) : "";
        String allowed = module.tenancy().tenantValues().isEmpty() ? "none"
                : String.join(", ", module.tenancy().tenantValues());
        return "%stenant admins may not set this value of module '%s'; they may set: %s (platform admins may allow "
                .formatted(why, module.key(), allowed) + "more in the module catalog)";
    }

    private static String templateMessage() {
        return "holds a Helm template ('{{'), which the chart would evaluate with the installer's rights; tenant "
                + "admins may not use templates in values";
    }

    private static String name(List<String> path) {
        var name = new StringBuilder(ROOT);
        for (String key : path) {
            if (key.startsWith("[")) {
                name.append(key);
            } else if (PLAIN_KEY.matcher(key).matches()) {
                name.append('.').append(key);
            } else {
                name.append("[\"").append(key.replace("\"", "\\\"")).append("\"]");
            }
        }
        return name.toString();
    }

    /** Environment variables that would make the NVIDIA runtime hand a container GPUs it never requested. */
    static final class NvidiaVariables {

        private NvidiaVariables() {
        }

        static boolean matches(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            return upper.startsWith("NVIDIA_") || upper.equals("CUDA_VISIBLE_DEVICES");
        }

        static String message(String name) {
            return ("'%s' would let a container use GPUs it did not request; GPUs come only through resource "
                    + "requests within the tenant's quota").formatted(name);
        }
    }

    /** Keys that widen a release's rights or scope, whatever path they appear at, and why. */
    static final class RiskyKeys {

        private static final String SCHEDULING = "decides which nodes and GPU pools the pods run on and with which "
                + "priority, which the platform sets from the tenant's pools";
        private static final String HOST = "would give the pods access to the node or weaken their isolation";
        private static final String RIGHTS = "would widen the tool's rights or reach beyond the tenant's namespace";
        private static final String ADDRESS = "is part of the tool's address, which the platform owns (hosts, paths "
                + "and annotations are rendered by the platform)";
        private static final String MANIFESTS = "adds objects, containers or volumes of the tenant's choosing to the "
                + "release";

        private static final Map<String, String> REASONS = reasons();

        private RiskyKeys() {
        }

        static String reason(String key) {
            return REASONS.get(key.toLowerCase(Locale.ROOT));
        }

        private static Map<String, String> reasons() {
            var reasons = new java.util.HashMap<String, String>();
            put(reasons, SCHEDULING, "nodeSelector", "nodeName", "tolerations", "affinity", "nodeAffinity",
                    "topologySpreadConstraints", "schedulerName", "priorityClassName", "priorityClasses",
                    "runtimeClassName", "extraTolerations", "extraNodeAffinity", "extraResource", "extraResources");
            put(reasons, HOST, "hostNetwork", "hostPID", "hostIPC", "hostPath", "hostPort", "hostPorts",
                    "hostAliases", "privileged", "allowPrivilegeEscalation", "capabilities", "procMount", "sysctls",
                    "securityContext", "securityContexts", "podSecurityContext", "containerSecurityContext",
                    "seLinuxOptions", "appArmorProfile", "seccompProfile", "runAsUser", "runAsGroup", "runAsNonRoot",
                    "fsGroup", "uid", "gid", "shareProcessNamespace");
            put(reasons, RIGHTS, "rbac", "rbacEnable", "crNamespacedRbacEnable", "clusterRole", "clusterRoles",
                    "clusterRoleBinding", "serviceAccount", "serviceAccountName", "serviceAccounts",
                    "automountServiceAccountToken", "multiNamespaceMode", "singleNamespaceInstall", "watchNamespace",
                    "watchNamespaces", "namespace", "namespaces", "namespaceOverride", "allowPodLaunching",
                    "allowJobLaunching", "psp", "podSecurityPolicy", "networkPolicy", "networkPolicies", "kubeconfig",
                    "webhook", "webhooks", "crds", "installCRDs", "leaderElection", "global");
            put(reasons, ADDRESS, "ingress", "ingresses", "httpRoute", "ingressRoute", "consoleIngress", "route",
                    "gateway", "hosts", "host", "hostname", "annotations", "podAnnotations", "serviceAnnotations",
                    "deploymentAnnotations", "airflowPodAnnotations", "ingressClassName", "loadBalancerIP",
                    "loadBalancerSourceRanges", "externalIPs", "externalTrafficPolicy", "nodePort", "nodePorts",
                    "baseUrl", "publicUrl");
            put(reasons, MANIFESTS, "extraDeploy", "extraManifests", "extraObjects", "extraConfigMaps",
                    "extraSecrets", "extraContainers", "extraInitContainers", "initContainers", "sidecars",
                    "sidecarContainers", "extraVolumes", "extraVolumeMounts", "volumes", "volumeMounts", "podTemplate",
                    "extraPodSpec", "extraPodConfig", "extraContainerConfig", "lifecycleHooks",
                    "containerLifecycleHooks", "customCommands", "postJob", "extraFiles", "extraConfig",
                    "extraTemplates", "kubespawner_override", "profileList", "airflowLocalSettings", "image_pull_secret",
                    "imagePullSecrets", "imagePullSecret", "command", "args", "cmd");
            return Map.copyOf(reasons);
        }

        private static void put(Map<String, String> reasons, String reason, String... keys) {
            Set.of(keys).forEach(key -> reasons.put(key.toLowerCase(Locale.ROOT), reason));
        }
    }
}
