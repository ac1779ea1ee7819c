package io.nova.platform.vault.config;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@code nova.vault.uri} is set and not blank (an empty {@code ${NOVA_VAULT_URI:}} means "no Vault"). */
class VaultConfiguredCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String uri = context.getEnvironment().getProperty("nova.vault.uri");
        return uri != null && !uri.isBlank();
    }
}
