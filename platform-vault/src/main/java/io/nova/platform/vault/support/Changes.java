package io.nova.platform.vault.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.identity.ProvisioningReport;
import io.nova.platform.vault.api.VaultApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one provisioning run changed (or, in a dry run, would change) and what failed. Action texts are
 * {@code <verb> <kind> <name>}, e.g. {@code create OIDC client team-a-mlflow}; they never hold a secret.
 */
public final class Changes {

    private static final Logger log = LoggerFactory.getLogger(Changes.class);

    private final boolean dryRun;
    private final List<String> actions = new ArrayList<>();
    private final Map<String, String> failures = new LinkedHashMap<>();

    private Changes(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public static Changes apply() {
        return new Changes(false);
    }

    public static Changes dryRun() {
        return new Changes(true);
    }

    /** True when Vault may be written; false for a plan. */
    public boolean writes() {
        return !dryRun;
    }

    public void create(String kind, String name) {
        record("create " + kind + " " + name);
    }

    public void update(String kind, String name) {
        record("update " + kind + " " + name);
    }

    public void delete(String kind, String name) {
        record("delete " + kind + " " + name);
    }

    public void record(String action) {
        actions.add(action);
        if (!dryRun) {
            log.info("Vault: {}", action);
        }
    }

    /** Something that failed without stopping the rest, under the module key or the object it concerns. */
    public void fail(String subject, String message) {
        failures.merge(subject, message, (first, second) -> first + "; " + second);
        log.warn("Vault: {} failed: {}", subject, message);
    }

    /**
     * Runs one step; if Vault rejects it (a {@link VaultApiException} that does not stop provisioning) the failure is
     * recorded under {@code subject} and the run goes on. Unreachable, sealed and forbidden propagate.
     *
     * @return whether the step succeeded
     */
    public boolean attempt(String subject, Runnable step) {
        try {
            step.run();
            return true;
        } catch (VaultApiException e) {
            if (e.stopsProvisioning()) {
                throw e;
            }
            fail(subject, e.getMessage());
            return false;
        }
    }

    public boolean hasFailures() {
        return !failures.isEmpty();
    }

    public List<String> actions() {
        return List.copyOf(actions);
    }

    public ProvisioningReport report(String tenant, String error) {
        return new ProvisioningReport(tenant, actions, failures, error);
    }
}
