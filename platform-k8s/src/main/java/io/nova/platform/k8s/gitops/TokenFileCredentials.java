package io.nova.platform.k8s.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link TokenCredentials} whose token is read from a file (a mounted Secret) at every fetch and push. */
public final class TokenFileCredentials extends TokenCredentials {

    public TokenFileCredentials(String username, Path tokenFile) {
        super(username, () -> {
            try {
                return Files.readString(tokenFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the GitOps token file " + tokenFile, e);
            }
        });
    }
}
