package io.nova.platform.core.serving;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ServingConfiguration {

    @Bean
    ModelCatalog modelCatalog() {
        return ModelCatalog.load();
    }

    @Bean
    ModelDeploymentPlanner modelDeploymentPlanner() {
        return new ModelDeploymentPlanner();
    }
}
