package io.nova.platform.core.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.audit.ActorContext;
import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.Sha256;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read access of a cluster's Flux to the GitOps repository the platform keeps on its own disk (a cluster whose
 * {@code gitops.url} is {@code file://}), served over Git smart HTTP. One token per cluster, issued by a platform
 * admin and shown once; PostgreSQL keeps only its SHA-256, so a token cannot be read back, only replaced. A token
 * opens its own cluster's repository and nothing else.
 */
@Service
public class GitReadAccess {

    /** The user name a token is issued with; any name is accepted, the token decides. */
    public static final String USERNAME = "flux";
    static final String TARGET_TYPE = "ClusterGitReadToken";
    private static final String PREFIX = "nvg_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClusterRepository clusters;
    private final GitReadTokenRepository tokens;
    private final AuditLog audit;
    private final AccessControl access;
    private final ActorContext actor;

    GitReadAccess(ClusterRepository clusters, GitReadTokenRepository tokens, AuditLog audit, AccessControl access,
                  ActorContext actor) {
        this.clusters = clusters;
        this.tokens = tokens;
        this.audit = audit;
        this.access = access;
        this.actor = actor;
    }

    /** Whether the platform itself keeps (and so serves) the cluster's repository. */
    public static boolean servedLocally(GitOpsTarget gitops) {
        return gitops != null && gitops.url() != null && gitops.url().startsWith("file:");
    }

    /**
     * A new token for the cluster; the one issued before stops working at once.
     *
     * @throws ConflictException when the cluster's repository is not one the platform keeps
     */
    @Transactional
    public IssuedGitToken issue(String cluster) {
        access.requireAdmin("issue a Git read token for cluster " + cluster);
        Cluster found = clusters.findByName(cluster).orElseThrow(() -> new NotFoundException(ClusterService.KIND,
                cluster));
        if (found.deliveryMode() != DeliveryMode.GITOPS || !servedLocally(found.gitops())) {
            throw new ConflictException(("Cluster %s is not delivered to a repository the platform keeps on its own "
                    + "disk: Flux reads %s directly, with credentials of that repository").formatted(cluster,
                    found.gitops() == null ? "no repository" : found.gitops().url()));
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Optional<GitReadToken> existing = tokens.findById(cluster);
        GitReadToken row = existing.orElseGet(() -> new GitReadToken(cluster));
        Map<String, Object> before = existing.map(GitReadAccess::describe).orElse(null);
        row.issue(sha256(token), Instant.now(), actor.actor());
        tokens.save(row);
        audit.record(existing.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE, TARGET_TYPE,
                "clusters/" + cluster + "/git-read-token", before, describe(row));
        return new IssuedGitToken(cluster, USERNAME, token);
    }

    /**
     * The cluster's repository when {@code token} is the cluster's current token and the platform keeps that
     * repository; empty for every other case alike (unknown cluster, no token issued, another token).
     */
    @Transactional(readOnly = true)
    public Optional<GitOpsTarget> verify(String cluster, String token) {
        if (cluster == null || token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Optional<GitReadToken> issued = tokens.findById(cluster);
        byte[] presented = sha256(token).getBytes(StandardCharsets.US_ASCII);
        if (issued.isEmpty()
                || !MessageDigest.isEqual(presented, issued.get().tokenSha256().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return clusters.findByName(cluster).filter(c -> c.deliveryMode() == DeliveryMode.GITOPS)
                .map(Cluster::gitops).filter(GitReadAccess::servedLocally);
    }

    private static Map<String, Object> describe(GitReadToken token) {
        return Map.of("issuedAt", token.issuedAt().toString());
    }

    private static String sha256(String token) {
        return Sha256.hex(token);
    }
}
