package io.nova.platform.app.delivery;

import static io.nova.platform.app.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.nova.platform.app.support.Api;
import io.nova.platform.app.support.OidcApiTest;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/**
 * The GitOps history says who changed what: commits name the changes and their authors from the audit log. Two
 * people are two machine clients of the real OIDC provider (Spring Authorization Server) with platform admin rights;
 * PostgreSQL and the Git repository are real.
 */
class CommitHistoryTest extends OidcApiTest {

    @Test
    void commits_name_the_changes_and_people_from_the_audit_log_with_its_ids_as_a_trailer() throws IOException {
        // short names, so that the whole first line fits (a longer one names the first changes and counts the rest)
        String id = java.util.UUID.randomUUID().toString().substring(0, 6);
        // after "local" by name: the console's overview test looks for "local" in its first rows
        String cluster = "v-" + id;
        Path repository = DATA.resolve("repo-" + cluster);
        Api alice = person("alice-" + id);
        Api bob = person("bob-" + id);
        assertThat(alice.post("/clusters", """
                {"name": "%s", "deliveryMode": "GITOPS",
                 "gitops": {"url": "%s", "branch": "main", "path": "clusters/%s"}}
                """.formatted(cluster, repository.toUri(), cluster)).status()).isEqualTo(201);
        assertThat(alice.post("/clusters/%s/reconcile".formatted(cluster), "").status()).isEqualTo(200);
        String teamA = "a-" + id;
        String teamB = "b-" + id;
        alice.post("/tenants", json("{'slug': '%s', 'displayName': 'A', 'cluster': '%s'}".formatted(teamA, cluster)));
        alice.put("/tenants/%s/modules/jupyterhub".formatted(teamA), json("{'enabled': true}"));
        bob.post("/tenants", json("{'slug': '%s', 'displayName': 'B', 'cluster': '%s'}".formatted(teamB, cluster)));
        bob.put("/tenants/%s/modules/minio".formatted(teamB), json("{'enabled': true}"));

        assertThat(alice.post("/clusters/%s/reconcile".formatted(cluster), "").status()).isEqualTo(200);

        RevCommit both = head(repository);
        assertThat(both.getShortMessage()).isEqualTo("%s: tenant created; jupyterhub enabled (alice-%s); "
                .formatted(teamA, id) + "%s: tenant created; minio enabled (bob-%s)".formatted(teamB, id));
        assertThat(both.getFullMessage()).contains("%s: jupyterhub enabled (alice-%s, audit ".formatted(teamA, id))
                .contains("Requested-by: nova-platform")
                .containsPattern("\nNova-Audit: " + ids(teamA, teamB) + "\n$");
        assertThat(both.getAuthorIdent().getName()).as("two people: the platform is the author")
                .isEqualTo(both.getCommitterIdent().getName());

        alice.put("/tenants/%s/modules/jupyterhub".formatted(teamA),
                json("{'enabled': true, 'values': {'cull': {'timeout': 7200}}}"));
        assertThat(bob.post("/clusters/%s/reconcile".formatted(cluster), "").status()).isEqualTo(200);

        RevCommit values = head(repository);
        assertThat(values.getShortMessage()).isEqualTo("%s: jupyterhub values changed (alice-%s)"
                .formatted(teamA, id));
        assertThat(values.getAuthorIdent().getName()).isEqualTo("alice-" + id);
        assertThat(values.getCommitterIdent().getName()).isEqualTo(both.getCommitterIdent().getName());
        assertThat(values.getFullMessage()).doesNotContain("7200")
                .containsPattern("\nNova-Audit: \\d+\n$");

        long delivered = jdbc.queryForObject("SELECT audit_delivered_through FROM cluster WHERE name = ?", Long.class,
                cluster);
        assertThat(bob.post("/clusters/%s/reconcile".formatted(cluster), "").status()).isEqualTo(200);
        assertThat(head(repository)).as("nothing changed: no commit").isEqualTo(values);
        assertThat(jdbc.queryForObject("SELECT audit_delivered_through FROM cluster WHERE name = ?", Long.class,
                cluster)).isGreaterThanOrEqualTo(delivered);
    }

    /**
     * A person's token as Keycloak or StarVault issue them: a UUID subject and the user name in
     * {@code preferred_username}, signed by the test provider's real key.
     */
    private Api person(String username) {
        java.time.Instant now = java.time.Instant.now();
        return api.bearer(IDP.sign(new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(IDP.issuer())
                .subject(java.util.UUID.randomUUID().toString())
                .audience(List.of(nova.testing.identity.TestIdentityProvider.AUDIENCE))
                .claim("groups", List.of("platform-admins")).claim("preferred_username", username)
                .issueTime(java.util.Date.from(now)).expirationTime(java.util.Date.from(now.plusSeconds(600)))
                .build()));
    }

    /** The ids of the audit events of both tenants, as the trailer lists them. */
    private String ids(String teamA, String teamB) {
        return String.join(", ", jdbc.queryForList("SELECT id FROM audit_event WHERE target LIKE ? OR target LIKE ? "
                + "ORDER BY id", Long.class, "tenants/" + teamA + "%", "tenants/" + teamB + "%").stream()
                .map(String::valueOf).toList());
    }

    private static RevCommit head(Path directory) throws IOException {
        try (Repository repository = new FileRepositoryBuilder().setGitDir(directory.resolve(".git").toFile())
                .setMustExist(true).build(); RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(repository.resolve("refs/heads/main"));
        }
    }
}
