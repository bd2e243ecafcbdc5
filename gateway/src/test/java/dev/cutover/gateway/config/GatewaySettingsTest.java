package dev.cutover.gateway.config;

import dev.cutover.gateway.control.WeightSource;
import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GatewaySettingsTest {

    @Test
    void validSettingsResolveWithTheSourceOfEachWeight() {
        MockEnvironment environment = new MockEnvironment().withProperty("TRAFFIC_SPLIT_PAYMENTS", "10");

        GatewaySettings settings = GatewaySettings.from(properties("gradual_migration", "10", "0", "50",
                "http://legacy:8000"), environment);

        assertThat(settings.routing().mode()).isEqualTo(RoutingMode.GRADUAL_MIGRATION);
        assertThat(settings.routing().of(Domain.PAYMENTS).weight()).isEqualTo(10);
        assertThat(settings.routing().of(Domain.PAYMENTS).source()).isEqualTo(WeightSource.ENVIRONMENT);
        assertThat(settings.routing().of(Domain.LEDGER).source()).isEqualTo(WeightSource.CONFIGURATION);
        assertThat(settings.upstreams().legacy()).hasHost("legacy").hasPort(8000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sideways | 10 | 0 | 0 | http://legacy:8000 | ROUTING_MODE",
            "new_only | abc | 0 | 0 | http://legacy:8000 | TRAFFIC_SPLIT_PAYMENTS",
            "new_only | 0 | 101 | 0 | http://legacy:8000 | TRAFFIC_SPLIT_IDENTITY",
            "new_only | 0 | 0 | -1 | http://legacy:8000 | TRAFFIC_SPLIT_LEDGER",
            "new_only | 0 | 0 | 0 | legacy:8000 | LEGACY_UPSTREAM",
            "new_only | 0 | 0 | 0 | http://legacy:8000/app | LEGACY_UPSTREAM",
            "new_only | 0 | 0 | 0 | ftp://legacy | LEGACY_UPSTREAM"})
    void anInvalidValueStopsStartupNamingItsEnvironmentVariable(String mode, String payments, String identity,
                                                                String ledger, String legacy, String variable) {
        InvalidGatewayConfiguration invalid = catchThrowableOfType(InvalidGatewayConfiguration.class,
                () -> GatewaySettings.from(properties(mode, payments, identity, ledger, legacy), new MockEnvironment()));

        assertThat(invalid.problems()).singleElement().asString().startsWith(variable + " ");
        assertThat(invalid.getMessage()).contains(variable);
    }

    @Test
    void everyInvalidValueIsReportedAtOnce() {
        InvalidGatewayConfiguration invalid = catchThrowableOfType(InvalidGatewayConfiguration.class,
                () -> GatewaySettings.from(properties("maybe", "x", "200", "y", ""), new MockEnvironment()));

        assertThat(invalid.problems()).hasSize(5);
    }

    @Test
    void aNegativeLeasePeriodIsRefusedUnderItsVariable() {
        GatewayProperties valid = properties("gradual_migration", "0", "0", "0", "http://legacy:8000");
        GatewayProperties negativeLease = new GatewayProperties(valid.upstreams(), valid.routing(), valid.upstreamHeader(),
                valid.security(), new GatewayProperties.RateLimit(true, "50", "100", Duration.ofMillis(250), Duration.ofMillis(-1)),
                valid.maxBodySize(), valid.trustedProxies(), valid.healthProbeTimeout(), valid.state());

        InvalidGatewayConfiguration invalid = catchThrowableOfType(InvalidGatewayConfiguration.class,
                () -> GatewaySettings.from(negativeLease, new MockEnvironment()));

        assertThat(invalid.problems()).singleElement().asString().contains("RATE_LIMIT_LEASE_FOR");
    }

    static GatewayProperties properties(String mode, String payments, String identity, String ledger, String legacy) {
        return new GatewayProperties(
                new GatewayProperties.Upstreams(legacy, "http://payments:8082", "http://identity:8081", "http://ledger:8083"),
                new GatewayProperties.Routing(mode, new GatewayProperties.Weights(payments, identity, ledger)),
                new GatewayProperties.UpstreamHeader(true, "X-Upstream"),
                new GatewayProperties.Security("http://identity:8081/.well-known/jwks.json", "http://legacy:8000/.well-known/jwks.json",
                        "https://identity", Duration.ofSeconds(2), Duration.ofMinutes(5), 100),
                new GatewayProperties.RateLimit(true, "50", "100", Duration.ofMillis(250), Duration.ofMillis(500)),
                DataSize.ofMegabytes(1), "127\\..*", Duration.ofMillis(500),
                new GatewayProperties.State(false, "cutover:gateway:", Duration.ofMillis(500), 100, Duration.ofSeconds(2),
                        Duration.ofSeconds(5)));
    }
}
