package io.nova.platform.k8s.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void answers_with_the_user_and_the_token_of_the_file_and_follows_a_rotated_token() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "first-token\n");
        var credentials = new TokenFileCredentials("nova-bot", token);
        var uri = new URIish("https://git.example.com/platform/gitops.git");

        var user = new CredentialItem.Username();
        var password = new CredentialItem.Password();
        assertThat(credentials.supports(user, password)).isTrue();
        assertThat(credentials.get(uri, user, password)).isTrue();
        assertThat(user.getValue()).isEqualTo("nova-bot");
        assertThat(new String(password.getValue())).isEqualTo("first-token");

        Files.writeString(token, "rotated-token");
        var again = new CredentialItem.Password();
        credentials.get(uri, new CredentialItem.Username(), again);
        assertThat(new String(again.getValue())).isEqualTo("rotated-token");
        assertThat(credentials.isInteractive()).isFalse();
    }

    @Test
    void a_missing_token_file_is_named_in_the_error() {
        var credentials = new TokenFileCredentials("git", dir.resolve("absent"));
        assertThatThrownBy(() -> credentials.get(new URIish(), new CredentialItem.Password()))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent");
    }
}
