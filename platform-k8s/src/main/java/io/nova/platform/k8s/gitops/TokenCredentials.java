package io.nova.platform.k8s.gitops;

import java.util.function.Supplier;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * HTTPS credentials for a GitOps repository: a user name and an access token fetched at every fetch and push (from a
 * mounted file, from Vault), so that a rotated token is used without a restart. The token never leaves this class.
 */
public class TokenCredentials extends CredentialsProvider {

    private final String username;
    private final Supplier<String> token;

    public TokenCredentials(String username, Supplier<String> token) {
        this.username = username;
        this.token = token;
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
        return new UsernamePasswordCredentialsProvider(username, token.get().strip());
    }
}
