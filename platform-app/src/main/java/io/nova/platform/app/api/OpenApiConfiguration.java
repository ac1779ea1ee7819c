package io.nova.platform.app.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI novaOpenApi() {
        return new OpenAPI().info(new Info()
                .title("Nova Platform API")
                .version("v1")
                .description("""
                        Describe teams, clusters, GPU pools, quotas and the ML tools each team gets. Lists are paged \
                        (page, size ≤ 200). Reads return an ETag; send it as If-Match on PUT/DELETE to get 412 \
                        instead of overwriting someone else's change. Errors are RFC 9457 problem details.""")
                .license(new License().name("Apache-2.0")));
    }
}
