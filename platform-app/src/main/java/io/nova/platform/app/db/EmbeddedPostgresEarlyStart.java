package io.nova.platform.app.db;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Starts the embedded PostgreSQL (when no database is configured) as soon as the application context is prepared,
 * before it is refreshed: the server comes up on its own thread while Spring parses the configuration and creates
 * the beans that do not need it, and {@link EmbeddedPostgresConfiguration} only waits for what is left. Registered
 * in {@code META-INF/spring.factories}. Runs after the context initializers, so a database URL that a test adds
 * there (e.g. {@code @DynamicPropertySource}) counts. Only for an application whose sources bring in
 * {@link EmbeddedPostgresConfiguration} (itself, or a class whose package it is in, scanned from there): every other
 * Spring Boot application in the same JVM (a test's identity provider) is left alone.
 */
public class EmbeddedPostgresEarlyStart implements ApplicationListener<ApplicationPreparedEvent> {

    static final String BEAN_NAME = "embeddedPostgresStartup";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        var context = event.getApplicationContext();
        if (!bringsInEmbeddedDatabase(event.getSpringApplication())
                || !NoDatasourceConfigured.noDatasource(context.getEnvironment())
                || !(context.getBeanFactory() instanceof BeanDefinitionRegistry registry)
                || registry.containsBeanDefinition(BEAN_NAME)) {
            return;
        }
        var properties = Binder.get(context.getEnvironment()).bindOrCreate("nova.db.embedded",
                Bindable.of(EmbeddedPostgresConfiguration.EmbeddedDatabaseProperties.class));
        var startup = EmbeddedPostgresStartup.begin(properties);
        // A bean definition, not a plain registered singleton, so that closing the context (also after a failed
        // start) stops the server.
        registry.registerBeanDefinition(BEAN_NAME, BeanDefinitionBuilder
                .genericBeanDefinition(EmbeddedPostgresStartup.class, () -> startup)
                .setDestroyMethodName("close")
                .getBeanDefinition());
    }

    static boolean bringsInEmbeddedDatabase(SpringApplication application) {
        String configurationPackage = EmbeddedPostgresConfiguration.class.getPackageName() + ".";
        return application.getAllSources().stream().anyMatch(source -> source instanceof Class<?> type
                && (type == EmbeddedPostgresConfiguration.class
                        || configurationPackage.startsWith(type.getPackageName() + ".")));
    }
}
