package io.nova.platform;

import io.nova.platform.app.bootstrap.ClassDataArchiveCheck;
import io.nova.platform.k8s.agent.NovaAgent;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Lives in the root package so that entities, repositories and beans of every module are found. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NovaPlatformApplication {

    public static void main(String[] args) throws Exception {
        if (NovaAgent.requested(args)) {
            NovaAgent.main(args); // in a cluster, without Spring, a database or a console
            return;
        }
        ClassDataArchiveCheck.run();
        SpringApplication.run(NovaPlatformApplication.class, args);
    }
}
