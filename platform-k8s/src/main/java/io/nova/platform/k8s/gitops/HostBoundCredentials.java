package io.nova.platform.k8s.gitops;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * The install-wide Git token, offered only to the hosts it was configured for (by default the host of the bootstrap
 * repository): a cluster registered with another repository URL gets no credentials from it, so the token cannot be
 * sent to an address someone typed in. Such a repository needs its own {@code pushCredentialsRef}.
 */
public final class HostBoundCredentials extends CredentialsProvider {

    private final CredentialsProvider credentials;
    private final Set<String> hosts;

    public HostBoundCredentials(CredentialsProvider credentials, List<String> hosts) {
        this.credentials = credentials;
        this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public Set<String> hosts() {
        return hosts;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        return credentials.supports(items);
    }

    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        if (uri == null || uri.getHost() == null || !hosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
            return false;
        }
        return credentials.get(uri, items);
    }
}
