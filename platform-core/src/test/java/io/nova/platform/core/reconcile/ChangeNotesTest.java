package io.nova.platform.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditEntry;
import org.junit.jupiter.api.Test;

/** Commit notes made from audit events as the audit log records them. */
class ChangeNotesTest {

    private long id = 40;

    @Test
    void one_persons_changes_name_the_tenant_what_changed_and_the_person_who_becomes_the_author() {
        var note = ChangeNotes.of(List.of(
                event("alice", AuditAction.UPDATE, "Module install", "tenants/team-a/modules/jupyterhub",
                        "{\"enabled\":true,\"version\":\"4.2.0\",\"values\":{\"cull\":{\"timeout\":3600}}}",
                        "{\"enabled\":true,\"version\":\"4.2.0\",\"values\":{\"cull\":{\"timeout\":7200}}}"),
                event("alice", AuditAction.CREATE, "Module install", "tenants/team-a/modules/mlflow", null,
                        "{\"enabled\":true,\"version\":\"1.11.5\",\"values\":{}}")), "Sync cluster lab", "");

        assertThat(note.summary()).isEqualTo("team-a: jupyterhub values changed; mlflow enabled (alice)");
        assertThat(note.author()).isEqualTo("alice");
        assertThat(note.auditIds()).containsExactly(41L, 42L);
        assertThat(note.details()).containsExactly("team-a: jupyterhub values changed (alice, audit 41)",
                "team-a: mlflow enabled (alice, audit 42)");
        assertThat(String.join("\n", note.details())).doesNotContain("7200");
    }

    @Test
    void several_peoples_changes_are_grouped_by_tenant_and_person_and_name_no_author() {
        var note = ChangeNotes.of(List.of(
                event("alice", AuditAction.CREATE, "Tenant", "tenants/team-a", null, "{\"slug\":\"team-a\"}"),
                event("bob", AuditAction.UPDATE, "Module install", "tenants/team-b/modules/minio",
                        "{\"enabled\":true,\"version\":\"5.4.0\"}", "{\"enabled\":false,\"version\":\"5.4.0\"}"),
                event("bob", AuditAction.UPDATE, "GPU pool", "gpu-pools/t4", "{\"nodeCount\":2,\"cluster\":\"lab\"}",
                        "{\"nodeCount\":3,\"cluster\":\"lab\"}"),
                event("bob", AuditAction.UPDATE, "Module install", "tenants/team-b/modules/kuberay",
                        "{\"enabled\":true,\"version\":\"1.3.0\"}", "{\"enabled\":true,\"version\":\"1.4.0\"}")),
                "Sync cluster lab", "");

        assertThat(note.summary()).isEqualTo("team-a: tenant created (alice); team-b: minio disabled; "
                + "kuberay version 1.3.0 → 1.4.0 (bob); and 1 more");
        assertThat(note.details()).contains("cluster: GPU pool t4 changed (bob, audit 43)");
        assertThat(note.author()).isNull();
    }

    @Test
    void a_tenants_changed_fields_are_named_without_their_values() {
        var note = ChangeNotes.of(List.of(event("carol", AuditAction.UPDATE, "Tenant", "tenants/team-c",
                "{\"ownerGroups\":[\"a\"],\"quota\":{\"cpu\":\"8\"},\"displayName\":\"C\"}",
                "{\"ownerGroups\":[\"a\",\"b\"],\"quota\":{\"cpu\":\"16\"},\"displayName\":\"C\"}")), "x", "");

        assertThat(note.summary()).isEqualTo("team-c: tenant ownerGroups, quota changed (carol)");
    }

    @Test
    void a_long_first_line_names_the_first_changes_and_counts_the_rest() {
        var events = new ArrayList<AuditEntry>();
        for (int i = 0; i < 20; i++) {
            events.add(event("user-" + i, AuditAction.CREATE, "Tenant", "tenants/team-" + i, null, "{}"));
        }

        var note = ChangeNotes.of(events, "Sync cluster lab", " (part 1 of 2)");

        assertThat(note.summary()).startsWith("team-0: tenant created (user-0); team-1: tenant created (user-1)")
                .endsWith("more (part 1 of 2)");
        assertThat(note.summary().length()).isLessThan(ChangeNotes.SUMMARY_LENGTH + 40);
        assertThat(note.details()).hasSize(20);
    }

    @Test
    void without_events_the_reconciles_own_summary_stays_and_the_platforms_start_names_no_author() {
        assertThat(ChangeNotes.of(List.of(), "Sync cluster lab: tenant team-a", "")).isEqualTo(
                ChangeNote.of("Sync cluster lab: tenant team-a"));
        assertThat(ChangeNotes.of(List.of(event("system", AuditAction.CREATE, "Cluster", "clusters/local", null,
                "{}")), "x", "").author()).isNull();
    }

    private AuditEntry event(String actor, AuditAction action, String type, String target, String before,
                             String after) {
        return new AuditEntry(++id, Instant.EPOCH, actor, actor, action, type, target, before, after, null);
    }
}
