package dev.cutover.ledger;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** The double-entry ledger: accounts, immutable journal entries, balances and their integrity. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LedgerApplication {

    /**
     * The service's configuration file, {@code ledger.yml}: named after the service so that several
     * services can run in one JVM (system tests) without reading each other's {@code application.yml}.
     */
    public static final String CONFIG_NAME = "ledger";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(LedgerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
