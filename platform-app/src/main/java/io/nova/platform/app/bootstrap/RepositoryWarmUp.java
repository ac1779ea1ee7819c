package io.nova.platform.app.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.data.repository.core.support.RepositoryFactoryInformation;
import org.springframework.stereotype.Component;

/**
 * The JPA repositories are set up lazily ({@code spring.data.jpa.repositories.bootstrap-mode: lazy}): parsing and
 * checking their queries is no longer on the way to ready. Once the platform is ready, this sets up all of them on a
 * background thread, so that the first requests do not pay for it either, and a query that Hibernate rejects is still
 * reported in the log right after the start.
 */
@Component
class RepositoryWarmUp {

    private static final Logger log = LoggerFactory.getLogger(RepositoryWarmUp.class);

    @EventListener(ApplicationReadyEvent.class)
    void warmUp(ApplicationReadyEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        Thread.ofPlatform().name("repository-warm-up").daemon().start(() -> {
            long start = System.nanoTime();
            try {
                // By their factories: nothing here may depend on the repositories' own types (ArchitectureTest).
                String[] factories = context.getBeanNamesForType(RepositoryFactoryInformation.class, true, false);
                for (String factory : factories) {
                    context.getBean(BeanFactoryUtils.transformedBeanName(factory));
                }
                log.debug("Set up {} repositories in {} ms", factories.length,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                if (context.isClosed()) {
                    log.debug("Stopped setting up the JPA repositories: the application is shutting down", e);
                } else {
                    log.error("Setting up the JPA repositories failed", e);
                }
            }
        });
    }
}
