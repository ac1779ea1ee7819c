package io.nova.platform;

import io.nova.platform.app.bootstrap.ClassDataArchiveCheck;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Lives in the root package so that entities, repositories and beans of every module are found. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NovaPlatformApplication {

    public static void main(String[] args) {
        ClassDataArchiveCheck.run();
        SpringApplication.run(NovaPlatformApplication.class, args);
    }
}
