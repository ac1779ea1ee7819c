package io.nova.platform.core.module;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ingressDomain base DNS domain of the tools' web UIs ({@code https://jupyter-team-a.<domain>})
 * @param catalogFiles  YAML files whose entries add to or replace the shipped module catalog, by key, in order
 */
@ConfigurationProperties(prefix = "nova.modules")
public record ModuleProperties(String ingressDomain, List<String> catalogFiles) {

    public ModuleProperties {
        ingressDomain = ingressDomain == null || ingressDomain.isBlank() ? "nova.localhost" : ingressDomain;
        catalogFiles = catalogFiles == null ? List.of() : List.copyOf(catalogFiles);
    }
}
