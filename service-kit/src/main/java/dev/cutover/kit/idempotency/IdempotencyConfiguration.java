package dev.cutover.kit.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** Idempotency for services with a database; the purge runs on every replica (deletes are idempotent). */
@AutoConfiguration(afterName = {
    "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
    "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
    "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
})
@ConditionalOnBean({JdbcClient.class, PlatformTransactionManager.class})
@EnableConfigurationProperties(IdempotencyProperties.class)
@EnableScheduling
public class IdempotencyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdempotentRequests idempotentRequests(JdbcClient jdbc, PlatformTransactionManager transactionManager,
            JsonMapper mapper, Clock clock, IdempotencyProperties properties) {
        return new IdempotentRequests(jdbc, new TransactionTemplate(transactionManager), mapper, clock, properties);
    }

    @Bean
    Purge idempotencyKeyPurge(IdempotentRequests requests) {
        return new Purge(requests);
    }

    static final class Purge {
        private final IdempotentRequests requests;

        Purge(IdempotentRequests requests) {
            this.requests = requests;
        }

        @Scheduled(fixedDelayString = "${cutover.idempotency.purge-interval:10m}",
                initialDelayString = "${cutover.idempotency.purge-interval:10m}")
        void purge() {
            int purged = requests.purgeExpired();
            if (purged > 0) {
                log.info("Purged {} expired idempotency keys", purged);
            }
        }
    }
}
