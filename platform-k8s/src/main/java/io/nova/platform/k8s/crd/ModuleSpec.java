package io.nova.platform.k8s.crd;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModuleSpec(
        Boolean enabled,
        String version,
        @PreserveUnknownFields @JsonPropertyDescription("Module settings, passed to the module's chart") Map<String, Object> values,
        @Pattern("^(EXTERNAL_SECRETS|VAULT_AGENT|CSI|WEBHOOK)$") @JsonPropertyDescription("How the module's Secrets reach its namespace from Vault: EXTERNAL_SECRETS (VAULT_AGENT, CSI and WEBHOOK are accepted and deliver the same way)") String secretDelivery) {
}
