package io.nova.platform.core.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the platform may connect for a cluster, whatever an admin (or a stolen admin token) registers: the platform
 * talks to these endpoints with credentials, so the addresses are limited.
 *
 * @param allowedApiServerHosts hosts a cluster's {@code apiServer} may name ({@code host} or {@code *.domain}); empty:
 *                              any
 * @param allowedGitHosts       hosts a GitOps repository URL may name (same form); empty: any
 * @param allowHttpGit          whether plain {@code http://} Git URLs are accepted (tokens would cross the network in
 *                              clear text); default no
 * @param gitFileRoots          folders under which {@code file://} repositories may lie; empty: the platform's data
 *                              folder (the parent of {@code nova.gitops.local-repository})
 */
@ConfigurationProperties(prefix = "nova.clusters")
public record ClusterConnectionProperties(List<String> allowedApiServerHosts, List<String> allowedGitHosts,
                                          boolean allowHttpGit, List<Path> gitFileRoots) {

    public ClusterConnectionProperties {
        allowedApiServerHosts = normalized(allowedApiServerHosts);
        allowedGitHosts = normalized(allowedGitHosts);
        gitFileRoots = gitFileRoots == null ? List.of()
                : gitFileRoots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    public static ClusterConnectionProperties open() {
        return new ClusterConnectionProperties(null, null, false, null);
    }

    private static List<String> normalized(List<String> hosts) {
        return hosts == null ? List.of() : hosts.stream().filter(h -> h != null && !h.isBlank())
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    }

    static boolean allowed(List<String> patterns, String host) {
        if (patterns.isEmpty()) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> p.startsWith("*.") ? h.endsWith(p.substring(1)) : h.equals(p));
    }

    /** The host of a URL ({@code https://h:1/x}, {@code ssh://git@h/x}) or scp-like Git address ({@code git@h:x}). */
    static String host(String url) {
        if (url.contains("://")) {
            try {
                return URI.create(url).getHost();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        int at = url.indexOf('@');
        int colon = url.indexOf(':', at + 1);
        return at >= 0 && colon > at ? url.substring(at + 1, colon) : null;
    }
}
