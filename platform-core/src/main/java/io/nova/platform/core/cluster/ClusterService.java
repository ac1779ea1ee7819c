package io.nova.platform.core.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.KubernetesNames;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.common.Violations;
import jakarta.persistence.EntityManager;
import io.nova.platform.core.desired.DesiredStateChanged;
import io.nova.platform.core.identity.VaultNames;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional
@EnableConfigurationProperties(ClusterConnectionProperties.class)
public class ClusterService {

    static final String KIND = "Cluster";
    private static final Pattern VAULT_PATH =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)+(#[A-Za-z0-9_.-]+)?");
    private static final Pattern GIT_URL =
            Pattern.compile("(https?|ssh|file)://\\S+|[A-Za-z0-9_.-]+@[A-Za-z0-9_.-]+:\\S+");
    private static final Pattern GIT_BRANCH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
    private static final Pattern REPO_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final ClusterRepository clusters;
    private final AuditLog audit;
    private final EntityManager entityManager;
    private final ApplicationEventPublisher events;
    private final AccessControl access;
    private final ClusterConnectionProperties connections;
    private final List<Path> gitFileRoots;

    public ClusterService(ClusterRepository clusters, AuditLog audit, EntityManager entityManager,
                          ApplicationEventPublisher events, AccessControl access,
                          ObjectProvider<ClusterConnectionProperties> connections,
                          @Value("${nova.gitops.local-repository:data/gitops}") Path localRepository) {
        this.clusters = clusters;
        this.audit = audit;
        this.entityManager = entityManager;
        this.events = events;
        this.access = access;
        this.connections = connections.getIfAvailable(ClusterConnectionProperties::open);
        Path dataFolder = localRepository.toAbsolutePath().normalize().getParent();
        this.gitFileRoots = !this.connections.gitFileRoots().isEmpty() ? this.connections.gitFileRoots()
                : dataFolder == null ? List.of() : List.of(dataFolder);
    }

    @Transactional(readOnly = true)
    public PageResult<ClusterView> list(PageQuery page) {
        access.requireAnyRole();
        boolean full = access.seesAllTenants();
        return PageResult.of(clusters.findAll(page.pageable(Sort.by("name"))),
                c -> full ? ClusterView.of(c) : ClusterView.of(c).withoutConnection());
    }

    /** A cluster; tenant owners and members see it {@linkplain ClusterView#withoutConnection without} its connection. */
    @Transactional(readOnly = true)
    public ClusterView get(String name) {
        access.requireAnyRole();
        ClusterView view = ClusterView.of(find(name));
        return access.seesAllTenants() ? view : view.withoutConnection();
    }

    /** The cluster's view without an access check: for callers that checked access to what they show of it. */
    @Transactional(readOnly = true)
    public ClusterView viewOf(String name) {
        return ClusterView.of(find(name));
    }

    public ClusterView create(ClusterSpec spec) {
        access.requireAdmin("manage clusters");
        ClusterSpec normalized = validate(spec);
        if (clusters.existsByName(normalized.name())) {
            throw new ConflictException("Cluster '%s' already exists".formatted(normalized.name()));
        }
        var cluster = new Cluster(normalized.name());
        cluster.apply(normalized);
        clusters.saveAndFlush(cluster);
        var view = ClusterView.of(cluster);
        audit.record(AuditAction.CREATE, KIND, target(cluster.name()), null, view.spec());
        events.publishEvent(new DesiredStateChanged(cluster.name()));
        return view;
    }

    public ClusterView update(String name, ClusterSpec spec, Long expectedVersion) {
        access.requireAdmin("manage clusters");
        Cluster cluster = find(name);
        cluster.expectVersion(expectedVersion, KIND, name);
        var violations = new Violations();
        if (spec.name() != null && !spec.name().equals(name)) {
            violations.add("name", "is immutable: cluster '%s' cannot be renamed".formatted(name));
        }
        violations.throwIfAny("Invalid cluster");
        ClusterSpec normalized = validate(withName(spec, name));
        ClusterSpec before = ClusterView.of(cluster).spec();
        cluster.apply(normalized);
        clusters.flush();
        var view = ClusterView.of(cluster);
        if (audit.recordUpdate(KIND, target(name), before, view.spec())) {
            events.publishEvent(new DesiredStateChanged(name));
        }
        return view;
    }

    public void delete(String name, Long expectedVersion) {
        access.requireAdmin("manage clusters");
        Cluster cluster = find(name);
        cluster.expectVersion(expectedVersion, KIND, name);
        List<String> users = usersOf(cluster);
        if (!users.isEmpty()) {
            throw new ConflictException("Cluster '%s' is still in use; remove what uses it first".formatted(name),
                    users);
        }
        audit.record(AuditAction.DELETE, KIND, target(name), ClusterView.of(cluster).spec(), null);
        clusters.delete(cluster);
        clusters.flush();
    }

    /** The entity, for services that attach things to a cluster; a missing cluster is a bad reference there. */
    @Transactional(readOnly = true)
    public Cluster find(String name) {
        return clusters.findByName(name).orElseThrow(() -> new NotFoundException(KIND, name));
    }

    /** The cluster, write-locked until the transaction ends. */
    public Cluster lock(String name) {
        return clusters.lockByName(name).orElseThrow(() -> new NotFoundException(KIND, name));
    }

    /** Called by the reconciler; leaves the cluster's version alone. */
    public void recordSync(String name, SyncState state, String message, String revision) {
        String text = message == null ? null : abbreviate(message, 2000);
        ClusterSync current = clusters.findByName(name).map(Cluster::sync).orElse(null);
        // A reconcile that finds what the last one found writes nothing; the metrics say when it last ran.
        if (current != null && current.state() == state && java.util.Objects.equals(current.message(), text)
                && (revision == null || revision.equals(current.revision()))) {
            return;
        }
        var now = java.time.Instant.now();
        clusters.recordSync(name, state.name(), text, revision, now, state == SyncState.SYNCED ? now : null);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    static String target(String name) {
        return "clusters/" + name;
    }

    @SuppressWarnings("unchecked")
    private List<String> usersOf(Cluster cluster) {
        // Native SQL keeps this package free of imports from the packages that reference clusters.
        return entityManager.createNativeQuery("""
                SELECT 'gpu-pools/' || name FROM gpu_pool WHERE cluster_id = :id
                UNION ALL SELECT 'tenants/' || slug FROM tenant WHERE cluster_id = :id
                UNION ALL SELECT 'cluster-modules/' || :name || '/' || module_key FROM module_install
                          WHERE cluster_id = :id
                ORDER BY 1 LIMIT 50""")
                .setParameter("id", cluster.id())
                .setParameter("name", cluster.name())
                .getResultList();
    }

    private static ClusterSpec withName(ClusterSpec spec, String name) {
        return new ClusterSpec(name, spec.deliveryMode(), spec.apiServer(), spec.credentialsRef(), spec.gitops());
    }

    /** Checks every rule and returns the spec with defaults filled in (branch {@code main}, path {@code clusters/<name>}). */
    private ClusterSpec validate(ClusterSpec spec) {
        var v = new Violations();
        if (v.required("name", spec.name())) {
            v.check("name", KubernetesNames.dnsLabelProblem(spec.name(), 63));
        }
        v.required("deliveryMode", spec.deliveryMode());
        if (spec.apiServer() != null) {
            v.maxLength("apiServer", spec.apiServer(), 512);
            if (!spec.apiServer().matches("https://[A-Za-z0-9.:\\[\\]-]+(:\\d{1,5})?(/\\S*)?")) {
                v.add("apiServer", "must be an https:// URL of the Kubernetes API server (e.g. https://10.0.0.1:6443)");
            } else if (!ClusterConnectionProperties.allowed(connections.allowedApiServerHosts(),
                    ClusterConnectionProperties.host(spec.apiServer()))) {
                v.add("apiServer", "host '%s' is not one the platform may connect to (nova.clusters."
                        .formatted(ClusterConnectionProperties.host(spec.apiServer()))
                        + "allowed-api-server-hosts: %s)".formatted(connections.allowedApiServerHosts()));
            }
        }
        if (spec.credentialsRef() != null) {
            checkCredentialsRef(v, spec.credentialsRef());
        }
        GitOpsTarget gitops = spec.gitops();
        if (spec.deliveryMode() == DeliveryMode.GITOPS) {
            if (gitops == null || gitops.url() == null || gitops.url().isBlank()) {
                v.add("gitops.url", "is required when deliveryMode is GITOPS");
            } else {
                gitops = checkGitOps(v, gitops, spec.name());
            }
        } else if (spec.deliveryMode() == DeliveryMode.DIRECT && gitops != null
                && (gitops.url() != null || gitops.branch() != null || gitops.path() != null
                || gitops.credentialsRef() != null || gitops.pushCredentialsRef() != null)) {
            v.add("gitops", "is only for deliveryMode GITOPS; remove it or switch the delivery mode");
        }
        v.throwIfAny("Invalid cluster");
        return new ClusterSpec(spec.name(), spec.deliveryMode(), spec.apiServer(), spec.credentialsRef(),
                spec.deliveryMode() == DeliveryMode.GITOPS ? gitops : null);
    }

    private static void checkCredentialsRef(Violations v, String ref) {
        if (ref.length() > 512) {
            v.maxLength("credentialsRef", ref, 512);
        } else if (ref.startsWith("eyJ") || ref.contains("BEGIN ") || ref.contains("apiVersion")
                || ref.contains("client-key-data") || ref.contains("token:")) {
            v.add("credentialsRef", "looks like a credential, not a reference: store the kubeconfig or token in Vault "
                    + "and give its path here (e.g. kv/clusters/prod#kubeconfig)");
        } else if (!VAULT_PATH.matcher(ref).matches() || ref.contains("..")) {
            v.add("credentialsRef", "must be a Vault path such as kv/clusters/prod#kubeconfig (mount/path[#key])");
        }
    }

    private GitOpsTarget checkGitOps(Violations v, GitOpsTarget gitops, String clusterName) {
        v.maxLength("gitops.url", gitops.url(), 1024);
        String url = gitops.url();
        if (!GIT_URL.matcher(url).matches()) {
            v.add("gitops.url", "must be a Git URL: https://, ssh://, file:// or git@host:path");
        } else if (url.matches("https?://[^/@\\s]+:[^/@\\s]+@.*")) {
            v.add("gitops.url", "must not contain a password; give the repository credentials through Vault");
        } else if (url.startsWith("http://") && !connections.allowHttpGit()) {
            v.add("gitops.url", "http:// would send the repository's token in clear text; use https:// or ssh:// "
                    + "(or allow it with nova.clusters.allow-http-git)");
        } else if (url.startsWith("file:")) {
            Path folder = localFolder(url);
            if (folder == null || gitFileRoots.stream().noneMatch(folder::startsWith)) {
                v.add("gitops.url", "file:// is only for repositories the platform keeps under %s (nova.clusters."
                        .formatted(gitFileRoots) + "git-file-roots)");
            }
        } else if (!ClusterConnectionProperties.allowed(connections.allowedGitHosts(),
                ClusterConnectionProperties.host(url))) {
            v.add("gitops.url", "host '%s' is not one the platform may push to (nova.clusters.allowed-git-hosts: %s)"
                    .formatted(ClusterConnectionProperties.host(url), connections.allowedGitHosts()));
        }
        String branch = gitops.branch() == null ? "main" : gitops.branch();
        v.maxLength("gitops.branch", branch, 255);
        if (!GIT_BRANCH.matcher(branch).matches() || branch.contains("..") || branch.endsWith(".lock")) {
            v.add("gitops.branch", "'%s' is not a valid Git branch name".formatted(branch));
        }
        String path = gitops.path() == null ? "clusters/" + clusterName : gitops.path();
        v.maxLength("gitops.path", path, 512);
        if (!REPO_PATH.matcher(path).matches() || path.contains("..")) {
            v.add("gitops.path", "must be a relative folder inside the repository, e.g. clusters/prod");
        }
        String credentials = blankToNull(gitops.credentialsRef());
        if (credentials != null) {
            v.maxLength("gitops.credentialsRef", credentials, 512);
            String own = VaultNames.clusterPath(clusterName) + "/";
            if (GitReadAccess.servedLocally(gitops)) {
                v.add("gitops.credentialsRef", "is not for a repository the platform keeps on its own disk: Flux "
                        + "reads that one with the cluster's read token (POST /clusters/{name}/git-read-token)");
            } else if (!credentials.startsWith(own) || !REPO_PATH.matcher(credentials).matches()
                    || credentials.contains("..")) {
                v.add("gitops.credentialsRef", ("must be a path in the platform's Vault KV mount under %s, e.g. "
                        + "%sgit, holding Flux's keys (username and password, or identity and known_hosts)")
                        .formatted(own, own));
            }
        }
        String push = blankToNull(gitops.pushCredentialsRef());
        if (push != null) {
            v.maxLength("gitops.pushCredentialsRef", push, 512);
            if (!VAULT_PATH.matcher(push).matches() || !push.contains("#")) {
                v.add("gitops.pushCredentialsRef", "must be a Vault path with the token's key, such as "
                        + "nova/clusters/prod/git-push#token (mount/path#key)");
            } else if (GitReadAccess.servedLocally(gitops)) {
                v.add("gitops.pushCredentialsRef", "is not for a repository the platform keeps on its own disk");
            }
        }
        return new GitOpsTarget(gitops.url(), branch, path, credentials, push);
    }

    private static Path localFolder(String url) {
        try {
            return Path.of(java.net.URI.create(url)).toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
