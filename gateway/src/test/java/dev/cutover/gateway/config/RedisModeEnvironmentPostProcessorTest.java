package dev.cutover.gateway.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class RedisModeEnvironmentPostProcessorTest {

    private final RedisModeEnvironmentPostProcessor processor = new RedisModeEnvironmentPostProcessor();

    @Test
    void redisUrlSwitchesRedisOnAndBecomesSpringsRedisUrl() {
        MockEnvironment environment = new MockEnvironment().withProperty("REDIS_URL", "redis://cache:6379/2");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("cutover.gateway.state.redis", Boolean.class)).isTrue();
        assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo("redis://cache:6379/2");
        assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
    }

    @Test
    void springsOwnRedisPropertiesSwitchRedisOnToo() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.data.redis.host", "cache");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("cutover.gateway.state.redis", Boolean.class)).isTrue();
    }

    @Test
    void withoutRedisSettingsNothingRedisIsConfiguredAtAll() {
        MockEnvironment environment = new MockEnvironment().withProperty("spring.autoconfigure.exclude", "com.example.Other");

        processor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("cutover.gateway.state.redis", Boolean.class)).isFalse();
        assertThat(environment.getProperty("spring.autoconfigure.exclude"))
                .contains("DataRedisAutoConfiguration", "DataRedisReactiveAutoConfiguration", "com.example.Other");
    }
}
