package dev.cutover.gateway.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives each test gateway its own Netty event loops. By default a Boot context shares Reactor Netty's global
 * loops and disposes them when it closes, which would take down every other gateway in the test JVM —
 * something that cannot happen in production, where each gateway has a JVM of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class IsolatedNettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
