package io.nova.platform.core.gpu;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GpuCatalogConfiguration {

    @Bean
    GpuModelCatalog gpuModelCatalog() {
        return GpuModelCatalog.load();
    }
}
