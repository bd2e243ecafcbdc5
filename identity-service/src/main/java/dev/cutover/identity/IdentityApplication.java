package dev.cutover.identity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/** Identity: users, the tokens every other component verifies, KYC, and the suite's most sensitive data. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class IdentityApplication {

    /**
     * The service's configuration file, {@code identity.yml}: named after the service so that several
     * services can run in one JVM (system tests) without reading each other's {@code application.yml}.
     */
    public static final String CONFIG_NAME = "identity";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(IdentityApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
