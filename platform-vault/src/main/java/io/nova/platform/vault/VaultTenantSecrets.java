package io.nova.platform.vault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.identity.ClusterToolClient;
import io.nova.platform.core.identity.ClusterToolIdentity;
import io.nova.platform.core.identity.OidcClientRequest;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantIdentity;
import io.nova.platform.core.identity.ConsoleClientSource;
import io.nova.platform.core.identity.OidcClientCredentials;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.core.identity.VaultNames;
import io.nova.platform.core.module.integration.CredentialGenerator;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.vault.api.VaultApi;
import io.nova.platform.vault.api.VaultApiException;
import io.nova.platform.vault.clustertools.ClusterToolsProvisioner;
import io.nova.platform.vault.config.VaultProperties;
import io.nova.platform.vault.credentials.ToolCredentialProvisioner;
import io.nova.platform.vault.k8sauth.KubernetesAuthRoleProvisioner;
import io.nova.platform.vault.kv.KvMountProvisioner;
import io.nova.platform.vault.kv.TenantKvStore;
import io.nova.platform.vault.oidc.ClientCredentials;
import io.nova.platform.vault.oidc.OidcClientProvisioner;
import io.nova.platform.vault.oidc.OidcClientSpec;
import io.nova.platform.vault.oidc.OidcProviderProvisioner;
import io.nova.platform.vault.oidc.TenantAssignmentProvisioner;
import io.nova.platform.vault.policy.TenantPolicyProvisioner;
import io.nova.platform.vault.secretstore.SecretStoreRoleProvisioner;
import io.nova.platform.vault.support.Changes;
import io.nova.platform.vault.support.Fields;
import io.nova.platform.vault.support.VaultObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TenantSecrets} backed by Vault. A provisioning run is a flat list of small steps, each reading what Vault
 * holds and writing only what differs, so a second run over an unchanged Vault writes nothing:
 * <ol>
 *   <li>platform objects, verified once per process (again after any failure, and every
 *   {@value #PLATFORM_RECHECK_MINUTES} minutes): KV v2 mount {@code nova}, OIDC key, scope and provider, the
 *   {@code nova-admin} policy and the console client;</li>
 *   <li>the tenant's OIDC assignment (its owner groups);</li>
 *   <li>per requested tool: its OIDC client, its credentials copied into the tenant's KV path when they differ, an
 *   ACL policy that reads only that path, and a Kubernetes auth role bound only to the service accounts the catalog
 *   lists for the tool (a tool without any gets no role, reported as a failure of that tool);</li>
 *   <li>per credential of the enabled tools: created with generated values when missing, completed when the catalog
 *   added keys, else left alone; always with check-and-set, so concurrent replicas never overwrite each other.
 *   Credentials no longer requested stay until the tenant is removed;</li>
 *   <li>the role and policy of the tenant's secret store, which reads the tenant's credentials and OIDC secrets;</li>
 *   <li>the tenant's clients, KV secrets, roles and policies of tools no longer requested are deleted, and so are
 *   the namespace-wide role and tenant-wide policy of earlier versions;</li>
 *   <li>a suspended tenant keeps its clients, secrets and policies but loses all its Kubernetes auth roles (its
 *   secret store's too), so that its pods cannot log in to Vault; the first run after resuming creates them
 *   again.</li>
 * </ol>
 * Vault unreachable, sealed or refusing the platform's token ends the run with the report's {@code error}; any
 * other failure is recorded under the tool (or object) it concerns and the other steps go on. No method throws from
 * {@code provision}, {@code plan} or {@code remove}, and no report or log line holds a secret.
 */
public final class VaultTenantSecrets implements TenantSecrets, ConsoleClientSource {

    static final long PLATFORM_RECHECK_MINUTES = 10;
    private static final Duration PLATFORM_RECHECK = Duration.ofMinutes(PLATFORM_RECHECK_MINUTES);
    private static final Logger log = LoggerFactory.getLogger(VaultTenantSecrets.class);
    /** Tenant slugs and module keys are Kubernetes names; anything else could escape its Vault path or policy. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    /** A Kubernetes service account name (a DNS subdomain); in particular never {@code *} or another glob. */
    private static final Pattern SERVICE_ACCOUNT =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final VaultApi api;
    private final VaultProperties.Oidc oidc;
    private final KvMountProvisioner kvMount;
    private final OidcProviderProvisioner provider;
    private final TenantPolicyProvisioner policies;
    private final OidcClientProvisioner clients;
    private final TenantAssignmentProvisioner assignments;
    private final KubernetesAuthRoleProvisioner roles;
    private final TenantKvStore kv;
    private final ToolCredentialProvisioner credentials;
    private final SecretStoreRoleProvisioner secretStore;
    private final ClusterToolsProvisioner clusterTools;
    private final Clock clock;
    private Instant platformVerifiedAt;

    public VaultTenantSecrets(VaultApi api, VaultProperties properties) {
        this(api, properties, Clock.systemUTC());
    }

    VaultTenantSecrets(VaultApi api, VaultProperties properties, Clock clock) {
        this.api = api;
        this.oidc = properties.oidc();
        this.clock = clock;
        VaultObjects objects = new VaultObjects(api);
        this.kvMount = new KvMountProvisioner(api);
        this.provider = new OidcProviderProvisioner(objects, oidc.issuer());
        this.policies = new TenantPolicyProvisioner(objects);
        this.clients = new OidcClientProvisioner(api, oidc.idTokenTtl(), oidc.accessTokenTtl());
        this.assignments = new TenantAssignmentProvisioner(objects);
        this.roles = new KubernetesAuthRoleProvisioner(objects, properties.kubernetes().authMount());
        this.kv = new TenantKvStore(api);
        this.credentials = new ToolCredentialProvisioner(kv, new CredentialGenerator());
        this.secretStore = new SecretStoreRoleProvisioner(policies, roles);
        this.clusterTools = new ClusterToolsProvisioner(clients, assignments, policies, roles, kv);
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public synchronized ProvisioningReport provision(TenantIdentity tenant) {
        return run(tenant, Changes.apply());
    }

    @Override
    public synchronized ProvisioningReport plan(TenantIdentity tenant) {
        return run(tenant, Changes.dryRun());
    }

    @Override
    public synchronized ProvisioningReport provisionClusterTools(ClusterToolIdentity cluster) {
        return runClusterTools(cluster, Changes.apply());
    }

    @Override
    public synchronized ProvisioningReport planClusterTools(ClusterToolIdentity cluster) {
        return runClusterTools(cluster, Changes.dryRun());
    }

    @Override
    public synchronized ProvisioningReport remove(String tenant) {
        String invalid = invalidName("tenant slug", tenant);
        if (invalid != null) {
            return ProvisioningReport.failed(tenant, invalid);
        }
        Changes changes = Changes.apply();
        try {
            List<String> tenantClients = tenantClientNames(tenant);
            for (String module : kv.secretsIn(oidcFolder(tenant))) {
                String client = VaultNames.clientName(tenant, module);
                if (tenantClients.contains(client)) {
                    changes.attempt(module, () -> clients.delete(client, changes));
                }
            }
            changes.attempt(TenantAssignmentProvisioner.KIND + " " + VaultNames.assignmentName(tenant),
                    () -> assignments.remove(tenant, changes));
            changes.attempt(KubernetesAuthRoleProvisioner.KIND + "s of " + tenant,
                    () -> roles.removeAllBut(tenant, Set.of(), changes));
            changes.attempt("ACL policies of " + tenant,
                    () -> policies.removeAllBut(tenant, Set.of(), changes));
            changes.attempt(SecretStoreRoleProvisioner.KIND + " " + VaultNames.secretStoreRole(tenant),
                    () -> secretStore.remove(tenant, changes));
            changes.attempt(TenantKvStore.KIND + "s of " + tenant,
                    () -> kv.deleteTree(VaultNames.tenantPath(tenant), changes));
            return changes.report(tenant, null);
        } catch (RuntimeException e) {
            return stopped(tenant, "tenant " + tenant, "remove", changes, e);
        }
    }

    /**
     * Read, change one entry, write with check-and-set: concurrent changes of other keys' entries are never lost.
     *
     * @throws VaultApiException when Vault is unreachable, sealed or refuses the platform's token
     */
    @Override
    public synchronized void putApiKeyVerifier(String tenant, String name, String verifier) {
        if (invalidName("tenant slug", tenant) != null) {
            throw new NotFoundException("API key", tenant + "/" + name);
        }
        String path = VaultNames.credentialPath(tenant, VaultNames.API_KEYS_SECRET);
        // a key may come before the tenant's first provisioning made the mount
        kvMount.ensure(Changes.apply());
        for (int attempt = 0; attempt < 5; attempt++) {
            var current = kv.latest(path);
            var values = new java.util.TreeMap<>(current.values());
            if (verifier == null ? !values.containsKey(name) : verifier.equals(values.get(name))) {
                return;
            }
            if (verifier == null) {
                values.remove(name);
            } else {
                values.put(name, verifier);
            }
            if (kv.writeIfVersion(path, values, current.version())) {
                return;
            }
        }
        throw new IllegalStateException("Vault kept changing " + path + " while the platform wrote an API key");
    }

    /**
     * New values for every key of the credential that is not fixed (derived keys made again), written with
     * check-and-set on the version read; the tenant's secret store delivers them on its next refresh.
     *
     * @throws NotFoundException  when the credential of that tenant was never provisioned
     * @throws VaultApiException  when Vault is unreachable, sealed, refuses the platform's token or the change
     */
    @Override
    public synchronized void rotateCredential(String tenant, GeneratedCredential credential) {
        if (invalidName("tenant slug", tenant) != null) {
            throw new NotFoundException(ToolCredentialProvisioner.KIND, tenant + "/" + credential.secret());
        }
        credentials.rotate(tenant, credential, Changes.apply());
    }

    /**
     * Vault's OIDC provider API has no secret rotation endpoint, so the client is deleted and created again and the
     * new credentials replace the old ones in KV. Consequence: the client gets a new {@code client_id} too; the tool
     * must read both again (the agent, CSI provider or webhook do on their next render or pod start), and tokens and
     * sessions issued to the old client are no longer accepted. Between the delete and the create nobody can log in
     * to the tool; if the create fails, the next provisioning creates the client again.
     *
     * @throws NotFoundException  when the tenant has no client for that module
     * @throws VaultApiException  when Vault is unreachable, sealed, refuses the platform's token or the change
     */
    @Override
    public synchronized void rotateClientSecret(String tenant, String module) {
        String invalid = invalidName("tenant slug", tenant);
        invalid = invalid != null ? invalid : invalidName("module key", module);
        if (invalid != null) {
            throw new NotFoundException("OIDC client", tenant + "-" + module);
        }
        String name = VaultNames.clientName(tenant, module);
        String secretPath = VaultNames.oidcSecretPath(tenant, module);
        var current = clients.read(name);
        // The KV secret proves the client is this tenant's (another tenant's client may share the name prefix).
        if (current.isEmpty() || kv.read(secretPath).isEmpty()) {
            throw new NotFoundException("OIDC client", name);
        }
        Object redirectUris = current.get().get("redirect_uris");
        List<String> uris = redirectUris instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.copyOf(Fields.strings(redirectUris));
        Changes changes = Changes.apply();
        ClientCredentials credentials = clients.recreate(
                        new OidcClientSpec(name, uris, List.of(VaultNames.assignmentName(tenant))), changes)
                .orElseThrow(() -> new VaultApiException(VaultApiException.Kind.REJECTED, 0, name,
                        "Vault did not return the credentials of the re-created OIDC client " + name, null));
        kv.writeIfDifferent(secretPath, credentials.kvValues(), changes);
    }

    /**
     * Makes sure the platform-wide objects exist (among them the console client, when console redirect URIs are
     * configured) and reads the console client's credentials back.
     */
    @Override
    public synchronized Optional<OidcClientCredentials> consoleClient() {
        if (oidc.consoleRedirectUris().isEmpty()) {
            return Optional.empty();
        }
        Changes changes = Changes.apply();
        platformVerifiedAt = null;
        ensurePlatform(changes);
        if (changes.hasFailures()) {
            throw new IllegalStateException("The console's OIDC client could not be provisioned in Vault: "
                    + changes.report(VaultNames.CONSOLE_CLIENT, null).failures());
        }
        var client = clients.read(VaultNames.CONSOLE_CLIENT).orElseThrow(() -> new IllegalStateException(
                "Vault has no OIDC client " + VaultNames.CONSOLE_CLIENT + " after provisioning it"));
        Object id = client.get("client_id");
        Object secret = client.get("client_secret");
        if (!(id instanceof String clientId) || !(secret instanceof String clientSecret)) {
            throw new IllegalStateException("Vault did not return the credentials of OIDC client "
                    + VaultNames.CONSOLE_CLIENT);
        }
        return Optional.of(new OidcClientCredentials(clientId, clientSecret));
    }

    private ProvisioningReport run(TenantIdentity tenant, Changes changes) {
        String invalid = validate(tenant);
        if (invalid != null) {
            return ProvisioningReport.failed(tenant.slug(), invalid);
        }
        String slug = tenant.slug();
        try {
            ensurePlatform(changes);
            changes.attempt(TenantAssignmentProvisioner.KIND + " " + VaultNames.assignmentName(slug),
                    () -> assignments.ensure(slug, tenant.ownerGroups(), changes));
            Set<String> withAccess = new HashSet<>();
            for (OidcClientRequest request : tenant.clients()) {
                changes.attempt(request.module(), () -> ensureClient(slug, request, changes));
                if (mayHaveAccess(slug, request, changes)) {
                    withAccess.add(request.module());
                    changes.attempt(request.module(), () -> ensureAccess(tenant, request, changes));
                }
            }
            for (GeneratedCredential credential : tenant.credentials()) {
                changes.attempt(ToolCredentialProvisioner.KIND + " " + credential.secret(),
                        () -> credentials.ensure(slug, credential, changes));
            }
            changes.attempt(SecretStoreRoleProvisioner.KIND + " " + VaultNames.secretStoreRole(slug),
                    () -> secretStore.ensure(tenant, changes));
            removeUnrequestedClients(tenant, changes);
            Set<String> withRole = tenant.suspended() ? Set.of() : withAccess;
            changes.attempt(KubernetesAuthRoleProvisioner.KIND + "s of " + slug,
                    () -> roles.removeAllBut(slug, withRole, changes));
            changes.attempt("ACL policies of " + slug,
                    () -> policies.removeAllBut(slug, withAccess, changes));
            if (changes.writes() && changes.hasFailures()) {
                platformVerifiedAt = null;
            }
            return changes.report(slug, null);
        } catch (RuntimeException e) {
            return stopped(slug, "tenant " + slug, changes.writes() ? "provision" : "plan", changes, e);
        }
    }

    private ProvisioningReport runClusterTools(ClusterToolIdentity cluster, Changes changes) {
        String invalid = invalidName("cluster name", cluster.cluster());
        for (ClusterToolClient client : cluster.clients()) {
            invalid = invalid != null ? invalid : invalidName("module key", client.module());
            invalid = invalid != null ? invalid : invalidName("namespace", client.namespace());
        }
        if (invalid != null) {
            return ProvisioningReport.failed(cluster.cluster(), invalid);
        }
        try {
            ensurePlatform(changes);
            clusterTools.ensure(cluster, changes);
            if (changes.writes() && changes.hasFailures()) {
                platformVerifiedAt = null;
            }
            return changes.report(cluster.cluster(), null);
        } catch (RuntimeException e) {
            return stopped(cluster.cluster(), "cluster " + cluster.cluster(), changes.writes() ? "provision" : "plan",
                    changes, e);
        }
    }

    private void ensurePlatform(Changes changes) {
        if (platformVerifiedAt != null && clock.instant().isBefore(platformVerifiedAt.plus(PLATFORM_RECHECK))) {
            return;
        }
        boolean failedBefore = changes.hasFailures();
        changes.attempt(KvMountProvisioner.KIND + " " + VaultNames.KV_MOUNT, () -> kvMount.ensure(changes));
        provider.ensure(changes);
        changes.attempt(TenantPolicyProvisioner.KIND + " " + VaultNames.ADMIN_POLICY,
                () -> policies.ensureAdmin(changes));
        if (!oidc.consoleRedirectUris().isEmpty()) {
            // The console's own credentials stay in the client; the platform reads them from there.
            changes.attempt(OidcClientProvisioner.KIND + " " + VaultNames.CONSOLE_CLIENT, () -> clients.ensure(
                    new OidcClientSpec(VaultNames.CONSOLE_CLIENT, oidc.consoleRedirectUris(), List.of("allow_all")),
                    changes));
        }
        if (changes.writes() && !failedBefore && !changes.hasFailures()) {
            platformVerifiedAt = clock.instant();
        }
    }

    private void ensureClient(String tenant, OidcClientRequest request, Changes changes) {
        var spec = new OidcClientSpec(VaultNames.clientName(tenant, request.module()), request.redirectUris(),
                List.of(VaultNames.assignmentName(tenant)));
        clients.ensureWithSecret(spec, kv, VaultNames.oidcSecretPath(tenant, request.module()), changes);
    }

    /**
     * Whether the tool may have a policy and a Kubernetes auth role: only when its catalog entry lists the service
     * accounts of its pods that read the secret, all valid names. A tool that lists none has no pod reading it from
     * Vault (MinIO's console, say, whose chart takes no OIDC secret from Vault) and gets neither; an invalid name is
     * a failure the report names. Never a role bound to the whole namespace: every pod of the tenant could read the
     * tool's secret.
     */
    private static boolean mayHaveAccess(String tenant, OidcClientRequest request, Changes changes) {
        String module = request.module();
        String role = VaultNames.kubernetesRole(tenant, module);
        if (request.serviceAccounts().isEmpty()) {
            return false;
        }
        for (String account : request.serviceAccounts()) {
            if (account == null || !SERVICE_ACCOUNT.matcher(account).matches()) {
                changes.fail(module, "no %s %s: service account '%s' of %s is not a valid Kubernetes name"
                        .formatted(KubernetesAuthRoleProvisioner.KIND, role, account, module));
                return false;
            }
        }
        return true;
    }

    /** The tool's policy and, unless the tenant is suspended, its role bound to the tool's service accounts. */
    private void ensureAccess(TenantIdentity tenant, OidcClientRequest request, Changes changes) {
        policies.ensureTool(tenant.slug(), request.module(), changes);
        if (!tenant.suspended()) {
            roles.ensure(tenant.slug(), request.module(), tenant.namespace(), request.serviceAccounts(), changes);
        }
    }

    /**
     * A client is the tenant's when its name is {@code <tenant>-<module>} and the tenant's KV folder holds a secret
     * for that module: the name prefix alone could be another tenant's ({@code team} and {@code team-a}).
     */
    private void removeUnrequestedClients(TenantIdentity tenant, Changes changes) {
        String slug = tenant.slug();
        Set<String> requested = new HashSet<>();
        tenant.clients().forEach(request -> requested.add(request.module()));
        List<String> unrequested = new ArrayList<>(kv.secretsIn(oidcFolder(slug)));
        unrequested.removeAll(requested);
        if (unrequested.isEmpty()) {
            return;
        }
        List<String> tenantClients = tenantClientNames(slug);
        for (String module : unrequested) {
            changes.attempt(module, () -> {
                String client = VaultNames.clientName(slug, module);
                if (tenantClients.contains(client)) {
                    clients.delete(client, changes);
                }
                kv.delete(VaultNames.oidcSecretPath(slug, module), changes);
            });
        }
    }

    private List<String> tenantClientNames(String tenant) {
        return clients.names().stream().filter(name -> name.startsWith(VaultNames.clientPrefix(tenant))).toList();
    }

    /** @param subject what the log line names ({@code tenant <slug>}, {@code cluster <name>}) */
    private ProvisioningReport stopped(String name, String subject, String what, Changes changes,
                                       RuntimeException e) {
        if (changes.writes()) {
            platformVerifiedAt = null;
        }
        String error = e instanceof VaultApiException ? e.getMessage()
                : "Vault %s failed unexpectedly: %s".formatted(what, e.getClass().getSimpleName());
        log.warn("Vault {} of {} stopped: {}", what, subject, error);
        if (!(e instanceof VaultApiException)) {
            log.debug("Unexpected failure", e);
        }
        return changes.report(name, error);
    }

    private static String oidcFolder(String tenant) {
        return VaultNames.tenantPath(tenant) + "/oidc";
    }

    private static String validate(TenantIdentity tenant) {
        String invalid = invalidName("tenant slug", tenant.slug());
        if (invalid == null && (tenant.namespace() == null || !NAME.matcher(tenant.namespace()).matches())) {
            invalid = "namespace '%s' of tenant %s is not a valid Kubernetes name".formatted(tenant.namespace(),
                    tenant.slug());
        }
        for (OidcClientRequest request : tenant.clients()) {
            invalid = invalid != null ? invalid : invalidName("module key", request.module());
        }
        return invalid;
    }

    private static String invalidName(String what, String value) {
        return value != null && NAME.matcher(value).matches() ? null
                : "%s '%s' is not a valid name (lower-case letters, digits and '-')".formatted(what, value);
    }
}
