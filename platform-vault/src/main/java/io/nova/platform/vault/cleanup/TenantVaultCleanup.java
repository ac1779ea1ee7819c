package io.nova.platform.vault.cleanup;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.nova.platform.core.access.SystemCaller;
import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.core.identity.TenantSecrets;
import io.nova.platform.core.tenant.TenantDeleted;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Removes a deleted tenant's clients, assignment, policy, role and secrets from Vault once the deletion has
 * committed, off the request thread.
 */
@Component
class TenantVaultCleanup {

    private static final Logger log = LoggerFactory.getLogger(TenantVaultCleanup.class);

    private final TenantSecrets secrets;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("nova-vault-cleanup").daemon().factory());

    TenantVaultCleanup(TenantSecrets secrets) {
        this.secrets = secrets;
    }

    @TransactionalEventListener
    void tenantDeleted(TenantDeleted event) {
        if (!secrets.configured()) {
            return;
        }
        executor.submit(SystemCaller.wrap("tenant clean-up", () -> {
            ProvisioningReport report = secrets.remove(event.slug());
            if (report.error() != null) {
                log.warn("Could not remove tenant {} from Vault: {}", event.slug(), report.error());
            } else {
                log.info("Removed tenant {} from Vault: {}", event.slug(), report.actions());
            }
        }));
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
