package io.nova.platform.k8s.render;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import io.nova.platform.core.tenant.TenantSnapshot;
import io.nova.platform.core.tenant.TenantState;

/**
 * Who may do what in the tenant's namespace: owner groups hold {@value TenantRolesRenderer#ADMIN}, member groups
 * {@value TenantRolesRenderer#VIEWER} (both bound in the namespace only, never on the cluster). A suspended tenant's
 * owners keep reading but lose writing: they move to the viewer binding. The built-in {@code admin} and {@code edit}
 * roles are never bound, because Flux aggregates the right to write HelmReleases and Kustomizations into them.
 *
 * <p>One binding per role, named after it: a RoleBinding's {@code roleRef} cannot change, so suspending a tenant
 * removes the admin binding instead of pointing it elsewhere.
 */
final class TenantAccessRenderer {

    List<RoleBinding> render(String cluster, TenantSnapshot tenant) {
        boolean suspended = tenant.state() == TenantState.SUSPENDED;
        var admins = new TreeSet<String>(suspended ? List.of() : tenant.ownerGroups());
        var viewers = new TreeSet<String>(tenant.memberGroups());
        if (suspended) {
            viewers.addAll(tenant.ownerGroups());
        }
        viewers.removeAll(admins);
        var bindings = new ArrayList<RoleBinding>();
        if (!admins.isEmpty()) {
            bindings.add(binding(cluster, tenant, TenantRolesRenderer.ADMIN, admins));
        }
        if (!viewers.isEmpty()) {
            bindings.add(binding(cluster, tenant, TenantRolesRenderer.VIEWER, viewers));
        }
        return bindings;
    }

    private static RoleBinding binding(String cluster, TenantSnapshot tenant, String role, TreeSet<String> groups) {
        List<Subject> subjects = groups.stream()
                .map(group -> new SubjectBuilder().withKind("Group").withApiGroup("rbac.authorization.k8s.io")
                        .withName(group).build())
                .toList();
        return new RoleBindingBuilder()
                .withNewMetadata().withName(role).withNamespace(tenant.namespace())
                .withLabels(Labels.tenant(cluster, tenant.slug())).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(role)
                .endRoleRef()
                .withSubjects(subjects)
                .build();
    }
}
