package io.nova.platform.k8s.render;

import java.util.List;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.nova.platform.core.tenant.TenantSnapshot;

/** The tenant's owner groups get the built-in {@code admin} role in its namespace (not on the cluster). */
final class TenantAccessRenderer {

    List<RoleBinding> render(String cluster, TenantSnapshot tenant) {
        if (tenant.ownerGroups().isEmpty()) {
            return List.of();
        }
        List<Subject> subjects = tenant.ownerGroups().stream().sorted()
                .map(group -> new SubjectBuilder().withKind("Group").withApiGroup("rbac.authorization.k8s.io")
                        .withName(group).build())
                .toList();
        return List.of(new RoleBindingBuilder()
                .withNewMetadata().withName("nova-owners").withNamespace(tenant.namespace())
                .withLabels(Labels.tenant(cluster, tenant.slug())).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("admin")
                .endRoleRef()
                .withSubjects(subjects)
                .build());
    }
}
