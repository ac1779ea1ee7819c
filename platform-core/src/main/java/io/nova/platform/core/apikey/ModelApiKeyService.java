package io.nova.platform.core.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.audit.ActorContext;
import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.KubernetesNames;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;
import io.nova.platform.core.common.Violations;
import io.nova.platform.core.desired.DeliveryFailedException;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.core.tenant.Tenant;
import io.nova.platform.core.tenant.TenantService;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's API keys for its model endpoints. A key is shown once, when it is issued; its SHA-256 goes to StarVault
 * (the tenant's {@code nova-model-api-keys} credential, one entry per key name), from where the External Secrets
 * Operator brings it to the tenant's model gateway, which accepts exactly the keys whose hashes are there. PostgreSQL
 * keeps the name and the first characters only. Tenant readers list; platform admins and the tenant's admins issue,
 * rotate and revoke.
 */
@Service
@Transactional
public class ModelApiKeyService {

    static final String KIND = "Model API key";
    static final int MAX_NAME = 40;
    static final int MAX_KEYS = 100;
    /** Every key starts with this, so that secret scanners recognise it. */
    static final String KEY_PREFIX = "nvk_";
    static final int SHOWN_PREFIX = KEY_PREFIX.length() + 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ModelApiKeyRepository keys;
    private final TenantService tenants;
    private final TenantSecrets secrets;
    private final AuditLog audit;
    private final ActorContext actor;

    public ModelApiKeyService(ModelApiKeyRepository keys, TenantService tenants, TenantSecrets secrets,
                              AuditLog audit, ActorContext actor) {
        this.keys = keys;
        this.tenants = tenants;
        this.secrets = secrets;
        this.audit = audit;
        this.actor = actor;
    }

    @Transactional(readOnly = true)
    public PageResult<ModelApiKeyView> list(String slug, PageQuery page) {
        Tenant tenant = tenants.readable(slug);
        return PageResult.of(keys.findByTenant(tenant, page.pageable(Sort.by("name"))), ModelApiKeyService::view);
    }

    public IssuedApiKey create(String slug, ApiKeyRequest request) {
        Tenant tenant = tenants.lockWritable(slug);
        String name = request == null ? null : request.name();
        var v = new Violations();
        if (v.required("name", name)) {
            v.check("name", KubernetesNames.dnsLabelProblem(name, MAX_NAME));
        }
        v.throwIfAny("Invalid API key");
        if (keys.findByTenantAndName(tenant, name).isPresent()) {
            throw new ConflictException("API key '%s' of tenant '%s' already exists; rotate or revoke it"
                    .formatted(name, slug), List.of(target(slug, name)));
        }
        if (keys.countByTenant(tenant) >= MAX_KEYS) {
            throw new ConflictException("Tenant '%s' has %d API keys, the most it may have; revoke one first"
                    .formatted(slug, MAX_KEYS));
        }
        requireVault();
        String key = newKey();
        var row = new ModelApiKey(tenant, name, key.substring(0, SHOWN_PREFIX), actor.actor());
        keys.saveAndFlush(row);
        store(slug, name, verifier(key));
        audit.record(AuditAction.CREATE, KIND, target(slug, name), null, describe(row));
        return new IssuedApiKey(view(row), key);
    }

    /** A new key under the same name; the old one is refused from the gateway's next refresh on. */
    public IssuedApiKey rotate(String slug, String name) {
        Tenant tenant = tenants.lockWritable(slug);
        ModelApiKey row = find(tenant, name);
        requireVault();
        Map<String, Object> before = describe(row);
        String key = newKey();
        row.rotated(key.substring(0, SHOWN_PREFIX));
        keys.saveAndFlush(row);
        store(slug, name, verifier(key));
        audit.record(AuditAction.UPDATE, KIND, target(slug, name), before, describe(row));
        return new IssuedApiKey(view(row), key);
    }

    public void revoke(String slug, String name) {
        Tenant tenant = tenants.lockWritable(slug);
        ModelApiKey row = find(tenant, name);
        requireVault();
        audit.record(AuditAction.DELETE, KIND, target(slug, name), describe(row), null);
        keys.delete(row);
        keys.flush();
        store(slug, name, null);
    }

    /** What the gateway compares: {@code sha256:} and the hex digest of the key's UTF-8 bytes. */
    public static String verifier(String key) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String target(String slug, String name) {
        return TenantService.target(slug) + "/model-api-keys/" + name;
    }

    private void requireVault() {
        if (!secrets.configured()) {
            throw new ConflictException("API keys are kept in StarVault, which is not configured (nova.vault.*)");
        }
    }

    private void store(String slug, String name, String verifier) {
        try {
            secrets.putApiKeyVerifier(slug, name, verifier);
        } catch (RuntimeException e) {
            throw new DeliveryFailedException("StarVault could not store the API key: " + e.getMessage(), e);
        }
    }

    private ModelApiKey find(Tenant tenant, String name) {
        return keys.findByTenantAndName(tenant, name)
                .orElseThrow(() -> new NotFoundException(KIND, target(tenant.slug(), name)));
    }

    private static String newKey() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static Map<String, Object> describe(ModelApiKey row) {
        return Map.of("name", row.name(), "prefix", row.prefix());
    }

    private static ModelApiKeyView view(ModelApiKey row) {
        return new ModelApiKeyView(row.name(), row.tenant().slug(), row.prefix(), row.createdBy(), row.createdAt(),
                row.rotatedAt());
    }
}
