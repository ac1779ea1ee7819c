package io.nova.platform.core.module;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param ingressDomain base DNS domain of the tools' web UIs ({@code https://jupyter-team-a.<domain>})
 * @param catalogFiles  YAML files whose entries add to or replace the shipped module catalog, by key, in order
 * @param gpuPoolComponents cluster components switched on when a GPU pool is added to a cluster without an install of
 *                      them (one switched off stays off); default Kueue, which then admits the GPU workloads by the
 *                      tenants' quotas; empty: none
 */
@ConfigurationProperties(prefix = "nova.modules")
public record ModuleProperties(String ingressDomain, List<String> catalogFiles, List<String> gpuPoolComponents) {

    public ModuleProperties {
        ingressDomain = ingressDomain == null || ingressDomain.isBlank() ? "nova.localhost" : ingressDomain;
        catalogFiles = catalogFiles == null ? List.of() : List.copyOf(catalogFiles);
        gpuPoolComponents = gpuPoolComponents == null ? List.of("kueue")
                : gpuPoolComponents.stream().filter(key -> key != null && !key.isBlank()).toList();
    }
}
