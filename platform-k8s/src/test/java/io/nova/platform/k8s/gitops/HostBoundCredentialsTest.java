package io.nova.platform.k8s.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

/** The install-wide Git token goes to the hosts it was configured for, and to no other repository. */
class HostBoundCredentialsTest {

    private final HostBoundCredentials credentials = new HostBoundCredentials(
            new TokenCredentials("git", () -> "install-wide-token"), List.of("git.example.com"));

    @Test
    void the_configured_host_gets_the_token() throws Exception {
        var password = new CredentialItem.Password();

        boolean given = credentials.get(new URIish("https://Git.Example.com/fleet.git"),
                new CredentialItem.Username(), password);

        assertThat(given).isTrue();
        assertThat(new String(password.getValue())).isEqualTo("install-wide-token");
    }

    @Test
    void another_host_gets_nothing() throws Exception {
        var password = new CredentialItem.Password();

        boolean given = credentials.get(new URIish("https://attacker.example.net/fleet.git"),
                new CredentialItem.Username(), password);

        assertThat(given).isFalse();
        assertThat(password.getValue()).isNull();
    }
}
