package io.nova.platform.k8s.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTPS credentials for GitOps repositories: a user name and an access token read from a file (a mounted Secret) at
 * every fetch and push, so that a rotated token is used without a restart. The token never leaves this class.
 */
public final class TokenFileCredentials extends CredentialsProvider {

    private final String username;
    private final Path tokenFile;

    public TokenFileCredentials(String username, Path tokenFile) {
        this.username = username;
        this.tokenFile = tokenFile;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        return current().supports(items);
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        return current().get(uri, items);
    }

    private CredentialsProvider current() {
        try {
            return new UsernamePasswordCredentialsProvider(username, Files.readString(tokenFile).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the GitOps token file " + tokenFile, e);
        }
    }
}
