package dev.cutover.sync;

import dev.cutover.sync.ChangeStreamSettings.SourceDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * A service's sync with the monolith, once the service declares what it syncs (a {@link LegacySync.Domain} bean,
 * which it declares only when its {@code cutover.<domain>.sync.enabled} is true): the two change streams as a
 * lifecycle bean, their health component {@code sync}, and the internal endpoints of {@link SyncEndpoints}. The
 * settings are read under {@code cutover.<domain>.sync} ({@link SyncProperties}).
 */
@AutoConfiguration
@ConditionalOnBean(LegacySync.Domain.class)
public class LegacySyncAutoConfiguration {

    @Bean(destroyMethod = "close")
    LegacySync legacySync(LegacySync.Domain domain, Environment environment, DataSource dataSource,
                          JdbcConnectionDetails own, MeterRegistry meters) {
        SyncProperties properties = SyncProperties.bind(environment, domain.propertyPrefix(), domain.urlVariable());
        return new LegacySync(domain, properties, dataSource,
                SourceDatabase.fromJdbcUrl(own.getJdbcUrl(), own.getUsername(), own.getPassword()), meters);
    }

    @Bean
    ChangeStreams changeStreams(LegacySync legacySync) {
        return legacySync.streams();
    }

    @Bean
    ChangeStreamsHealth syncHealthIndicator(ChangeStreams changeStreams) {
        return new ChangeStreamsHealth(changeStreams);
    }

    @Bean
    SyncEndpoints syncEndpoints(LegacySync legacySync) {
        return new SyncEndpoints(legacySync);
    }
}
