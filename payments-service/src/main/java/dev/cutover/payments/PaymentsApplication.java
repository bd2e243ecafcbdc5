package dev.cutover.payments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/** Payment methods, transactions and refunds, each succeeded one posted exactly once into the ledger. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentsApplication {

    /** The service's configuration file, {@code payments.yml} (see the ledger's for why it is not {@code application.yml}). */
    public static final String CONFIG_NAME = "payments";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(PaymentsApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
