package io.nova.platform.app.gitops;

import java.nio.file.Path;

import io.nova.platform.k8s.gitops.GitUploadService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serving the platform's local GitOps repositories (those under {@code nova.gitops.local-repository}). */
@Configuration(proxyBeanMethods = false)
class GitServeConfiguration {

    @Bean
    GitUploadService gitUploadService(@Value("${nova.gitops.local-repository:data/gitops}") Path root) {
        return new GitUploadService(root);
    }
}
