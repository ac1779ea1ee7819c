package io.nova.platform.k8s.render;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * A ValidatingAdmissionPolicy, once per cluster, that keeps tenant pods from running as {@value
 * TenantReconcilerRenderer#NAME}: whoever may create pods in a namespace may otherwise pick any of its service
 * accounts, and that one holds the rights Flux installs the tenant's tools with (Roles, RoleBindings), which the
 * tenant's own people do not have. Only tenant namespaces are matched (the {@value Labels#TENANT} label the platform
 * puts on them).
 */
final class TenantAdmissionRenderer {

    static final String API = "admissionregistration.k8s.io/v1";
    static final String NAME = "nova-tenant-pods";

    private static final String EXPRESSION = ("(!has(object.spec.serviceAccountName) || object.spec.serviceAccountName"
            + " != '%1$s') && (!has(object.spec.serviceAccount) || object.spec.serviceAccount != '%1$s')")
            .formatted(TenantReconcilerRenderer.NAME);

    List<HasMetadata> render(String cluster) {
        var labels = Labels.owned(cluster);
        Map<String, Object> policy = Map.of(
                "failurePolicy", "Fail",
                "matchConstraints", Map.of(
                        "namespaceSelector", Map.of("matchExpressions", List.of(
                                Map.of("key", Labels.TENANT, "operator", "Exists"))),
                        "resourceRules", List.of(Map.of("apiGroups", List.of(""), "apiVersions", List.of("v1"),
                                "operations", List.of("CREATE", "UPDATE"), "resources", List.of("pods")))),
                "validations", List.of(Map.of("expression", EXPRESSION, "reason", "Forbidden",
                        "message", "pods of a tenant may not run as " + TenantReconcilerRenderer.NAME
                                + ", the identity Flux installs the tenant's tools with")));
        Map<String, Object> binding = Map.of("policyName", NAME, "validationActions", List.of("Deny"));
        return List.of(GenericObjects.of(API, "ValidatingAdmissionPolicy", null, NAME, labels, policy),
                GenericObjects.of(API, "ValidatingAdmissionPolicyBinding", null, NAME, labels, binding));
    }
}
