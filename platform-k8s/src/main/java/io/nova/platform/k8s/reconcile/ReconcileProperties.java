package io.nova.platform.k8s.reconcile;

import java.nio.file.Path;
import java.time.Duration;

import io.nova.platform.core.reconcile.ReconcileSettings;
import io.nova.platform.k8s.render.RouteSettings;
import io.nova.platform.k8s.render.TenantIsolationSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled        reconcile automatically after changes and periodically (the REST endpoint always works)
 * @param debounce       how long to wait after a change for more changes before reconciling
 * @param resyncInterval how often every cluster is reconciled even without changes (drift correction)
 * @param initialDelay   when the first full resync after start runs
 * @param gitopsCache    where working clones of remote GitOps repositories are kept
 * @param oidcIssuer     the tools' OIDC issuer (StarVault's provider); empty leaves the tools' OIDC settings out
 * @param vaultAddress   the Vault address the pods' agents, CSI provider or webhook use (rendered into references)
 * @param operators      run the MLCluster/MLInfrastructure operators against DIRECT clusters after their first
 *                       successful reconcile
 * @param gitUsername    the user name for HTTPS GitOps repositories (with a token most hosts accept any)
 * @param gitTokenFile   a file holding the access token for HTTPS GitOps repositories; none: no credentials
 * @param gitTokenHosts  the hosts that token is offered to; empty: the host of {@code nova.bootstrap.gitops-url}
 * @param resyncBatch    how many unchanged units (tenants, the cluster's own objects) each reconcile also renders and
 *                       compares, round robin, to find drift; a change itself renders only the units it touches
 * @param partSize       how many tenants a reconcile renders and delivers at once (a first reconcile of a large cluster
 *                       goes in parts: one commit or one round of API writes each, memory for one part)
 * @param unsettledBatch how many tenants whose tools have not reported ready each reconcile observes again (clusters
 *                       the platform can read)
 * @param tenantIsolation how tenant namespaces are fenced in ({@code nova.reconcile.tenant-isolation.*}: the
 *                        ingress, monitoring and Vault namespaces their network policies admit, the API server
 *                        CIDRs, the Pod Security version, the pod and claim counts of their quota)
 * @param workers        how many clusters are reconciled at the same time by this replica (each cluster one at a time)
 * @param replicaId      this replica's name in the cluster leases; empty: the host (pod) name and a random suffix
 * @param leaseDuration  how long a cluster's lease lasts without renewal: a replica that stops renewing (it died or
 *                       lost the database) loses its clusters to the others after this
 * @param heartbeat      how often a replica renews its leases and rebalances clusters with the other replicas;
 *                       shorter than {@code leaseDuration}
 * @param oidcAuthorizeUrl the browser's authorization endpoint of the tools' OIDC provider; empty: where a
 *                       Vault-compatible provider has it (its UI's {@code /ui/identity/oidc/provider/<name>/authorize})
 * @param routes         how browsers reach the tools' web UIs ({@code nova.reconcile.routes.*}: Ingress with its class
 *                       and cert-manager issuer, Gateway API HTTPRoute and its Gateway, or none)
 * @param releaseHeapAfter after a reconcile that changed at least this many objects (a first reconcile of a large
 *                       cluster), collect the heap in full so that the JVM returns the memory the burst took; 0: never
 */
@ConfigurationProperties(prefix = "nova.reconcile")
public record ReconcileProperties(Boolean enabled, Duration debounce, Duration resyncInterval,
                                  Duration initialDelay, Path gitopsCache, String oidcIssuer, String vaultAddress,
                                  Boolean operators, String gitUsername, Path gitTokenFile,
                                  TenantIsolationSettings tenantIsolation, Integer resyncBatch, Integer partSize,
                                  Integer unsettledBatch, Integer workers, String replicaId, Duration leaseDuration,
                                  Duration heartbeat, RouteSettings routes, String oidcAuthorizeUrl,
                                  Integer releaseHeapAfter, java.util.List<String> gitTokenHosts) {

    public static final int DEFAULT_RESYNC_BATCH = 200;
    public static final int DEFAULT_WORKERS = 4;
    public static final int DEFAULT_RELEASE_HEAP_AFTER = 10_000;

    public ReconcileProperties {
        enabled = enabled == null || enabled;
        debounce = debounce == null ? Duration.ofSeconds(2) : debounce;
        resyncInterval = resyncInterval == null ? Duration.ofMinutes(10) : resyncInterval;
        initialDelay = initialDelay == null ? Duration.ofSeconds(10) : initialDelay;
        gitopsCache = gitopsCache == null ? Path.of("data", "gitops-cache") : gitopsCache;
        oidcIssuer = oidcIssuer == null || oidcIssuer.isBlank() ? null : oidcIssuer;
        operators = operators == null || operators;
        vaultAddress = vaultAddress == null || vaultAddress.isBlank() ? null : vaultAddress;
        gitUsername = gitUsername == null || gitUsername.isBlank() ? "git" : gitUsername;
        gitTokenFile = gitTokenFile == null || gitTokenFile.toString().isBlank() ? null : gitTokenFile;
        gitTokenHosts = gitTokenHosts == null ? java.util.List.of()
                : gitTokenHosts.stream().filter(h -> h != null && !h.isBlank()).map(String::strip).toList();
        tenantIsolation = tenantIsolation == null ? TenantIsolationSettings.defaults() : tenantIsolation;
        resyncBatch = resyncBatch == null || resyncBatch < 1 ? DEFAULT_RESYNC_BATCH : resyncBatch;
        partSize = partSize == null || partSize < 1 ? ReconcileSettings.DEFAULTS.partSize() : partSize;
        unsettledBatch = unsettledBatch == null || unsettledBatch < 0 ? ReconcileSettings.DEFAULTS.unsettledBatch()
                : unsettledBatch;
        workers = workers == null || workers < 1 ? DEFAULT_WORKERS : workers;
        replicaId = replicaId == null || replicaId.isBlank() ? null : replicaId.strip();
        routes = routes == null ? RouteSettings.defaults() : routes;
        leaseDuration = leaseDuration == null ? Duration.ofSeconds(30) : leaseDuration;
        heartbeat = heartbeat == null ? leaseDuration.dividedBy(3) : heartbeat;
        oidcAuthorizeUrl = oidcAuthorizeUrl == null || oidcAuthorizeUrl.isBlank() ? null : oidcAuthorizeUrl;
        releaseHeapAfter = releaseHeapAfter == null || releaseHeapAfter < 0 ? DEFAULT_RELEASE_HEAP_AFTER
                : releaseHeapAfter;
        if (heartbeat.isZero() || heartbeat.isNegative() || heartbeat.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException(("nova.reconcile.heartbeat (%s) must be positive and shorter than "
                    + "nova.reconcile.lease-duration (%s)").formatted(heartbeat, leaseDuration));
        }
    }

    ReconcileSettings settings() {
        return new ReconcileSettings(resyncBatch, partSize, unsettledBatch);
    }
}
