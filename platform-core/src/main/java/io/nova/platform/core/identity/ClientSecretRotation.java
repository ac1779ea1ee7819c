package io.nova.platform.core.identity;

import java.time.Instant;
import java.util.Map;

import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditLog;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.module.ModuleInstallService;
import io.nova.platform.core.module.ModuleInstallView;
import io.nova.platform.core.tenant.TenantService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Replaces the OIDC client secret of a tenant's tool in Vault; the secret itself never passes through here. */
@Service
public class ClientSecretRotation {

    private final ModuleInstallService installs;
    private final TenantSecrets secrets;
    private final AuditLog audit;

    public ClientSecretRotation(ModuleInstallService installs, TenantSecrets secrets, AuditLog audit) {
        this.installs = installs;
        this.secrets = secrets;
        this.audit = audit;
    }

    @Transactional
    public void rotate(String tenant, String module) {
        ModuleInstallView install = installs.getForTenant(tenant, module);
        installs.requireWrite(tenant);
        if (install.uiUrl() == null) {
            throw new ConflictException("%s has no web UI, so it has no OIDC client".formatted(module));
        }
        if (!install.enabled()) {
            throw new ConflictException("%s is switched off for tenant '%s'; its OIDC client does not exist"
                    .formatted(module, tenant));
        }
        if (!secrets.configured()) {
            throw new ConflictException("Vault is not configured, so there is no client secret to rotate");
        }
        try {
            secrets.rotateClientSecret(tenant, module);
        } catch (RuntimeException e) {
            throw new io.nova.platform.core.desired.DeliveryFailedException(
                    "Vault could not rotate the client secret: " + e.getMessage(), e);
        }
        audit.record(AuditAction.UPDATE, "OIDC client", TenantService.target(tenant) + "/modules/" + module
                + "/oidc-client", null, Map.of("secretRotatedAt", Instant.now().toString()));
    }
}
