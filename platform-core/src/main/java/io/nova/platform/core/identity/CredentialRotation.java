package io.nova.platform.core.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.desired.DeliveryFailedException;
import io.nova.platform.core.module.ModuleCatalog;
import io.nova.platform.core.module.ModuleDefinition;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModuleInstallView;
import io.nova.platform.core.module.integration.CredentialKey;
import io.nova.platform.core.module.integration.GeneratedCredential;
import io.nova.platform.core.tenant.TenantService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credentials the platform generates for a tenant's tools (database passwords, object-store keys, cookie and
 * Fernet keys): which there are, and replacing one in Vault. The values never pass through here; the tenant's secret
 * store brings a new value into the namespace on its next refresh.
 */
@Service
public class CredentialRotation {

    private final ModuleInstallService installs;
    private final ModuleCatalog catalog;
    private final TenantSecrets secrets;
    private final AuditLog audit;

    public CredentialRotation(ModuleInstallService installs, ModuleCatalog catalog, TenantSecrets secrets,
                              AuditLog audit) {
        this.installs = installs;
        this.catalog = catalog;
        this.secrets = secrets;
        this.audit = audit;
    }

    /** The generated credentials of a tenant's tool; empty for a tool that needs none. */
    public List<ToolCredentialView> list(String tenant, String module) {
        ModuleInstallView install = installs.getForTenant(tenant, module);
        return definition(install).generatedCredentials().stream().map(credential -> new ToolCredentialView(
                credential.secret(), credential.keys().stream().map(CredentialKey::key).toList(),
                credential.description(), VaultNames.KV_MOUNT + "/" + VaultNames.credentialPath(tenant,
                credential.secret()))).toList();
    }

    /** Gives every value of the credential a new one in Vault (fixed ones stay, derived ones follow). */
    @Transactional
    public void rotate(String tenant, String module, String secret) {
        ModuleInstallView install = installs.getForTenant(tenant, module);
        installs.requireWrite(tenant);
        GeneratedCredential credential = definition(install).generatedCredentials().stream()
                .filter(c -> c.secret().equals(secret)).findFirst()
                .orElseThrow(() -> new NotFoundException("credential", tenant + "/" + module + "/" + secret));
        if (!install.enabled()) {
            throw new ConflictException("%s is switched off for tenant '%s'; switch it on to rotate its credentials"
                    .formatted(module, tenant));
        }
        if (!secrets.configured()) {
            throw new ConflictException("Vault is not configured, so the platform keeps no credential to rotate");
        }
        try {
            secrets.rotateCredential(tenant, credential);
        } catch (RuntimeException e) {
            throw new DeliveryFailedException("Vault could not rotate the credential: " + e.getMessage(), e);
        }
        audit.record(AuditAction.UPDATE, "credential", TenantService.target(tenant) + "/modules/" + module
                + "/credentials/" + secret, null, Map.of("rotatedAt", Instant.now().toString()));
    }

    private ModuleDefinition definition(ModuleInstallView install) {
        return catalog.find(install.module()).orElseThrow(() -> new NotFoundException("module", install.module()));
    }
}
