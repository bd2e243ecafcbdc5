package dev.cutover.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** The migration gateway: splits each domain's callers between the legacy monolith and the new services. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** The configuration file, {@code gateway.yml}: named after the component so that the suite can share one JVM in tests. */
    public static final String CONFIG_NAME = "gateway";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(GatewayApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
