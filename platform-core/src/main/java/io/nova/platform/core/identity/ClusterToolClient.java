package io.nova.platform.core.identity;

import java.util.List;

/**
 * What the secret store of one namespace of a cluster's own components needs from Vault: for a web UI users log in to
 * through the platform's provider (Grafana of the monitoring stack, ...) an OIDC client with the UI's exact redirect
 * URIs; and read access to further KV paths of the cluster (the GitOps repository's credentials, for Flux's
 * namespace). The namespace's secret store delivers them there.
 *
 * @param module       what the access is for: the component's catalog key, or {@value #GITOPS} for Flux's repository
 * @param namespace    the namespace whose secret store reads it
 * @param redirectUris the web UI's redirect URIs; empty: no OIDC client
 * @param readPaths    further KV paths (inside the platform's mount, under {@code clusters/<cluster>/}) it reads
 */
public record ClusterToolClient(String module, String namespace, List<String> redirectUris, List<String> readPaths) {

    /** Flux's access to the GitOps repository's credentials. */
    public static final String GITOPS = "gitops";

    public ClusterToolClient {
        redirectUris = List.copyOf(redirectUris);
        readPaths = readPaths == null ? List.of() : List.copyOf(readPaths);
    }

    /** A web UI's OIDC client and nothing else. */
    public ClusterToolClient(String module, String namespace, List<String> redirectUris) {
        this(module, namespace, redirectUris, null);
    }

    public boolean signsOn() {
        return !redirectUris.isEmpty();
    }
}
