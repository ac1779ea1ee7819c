package io.nova.platform.core.module;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModuleProperties.class)
class ModuleCatalogConfiguration {

    /** The shipped catalog, then each configured override file in order (a later entry replaces one by key). */
    @Bean
    ModuleCatalog moduleCatalog(ModuleProperties properties) {
        var files = new ArrayList<Resource>(List.of(new ClassPathResource(ModuleCatalog.DEFAULT_LOCATION)));
        properties.catalogFiles().forEach(path -> files.add(new FileSystemResource(path)));
        return ModuleCatalog.load(files);
    }
}
