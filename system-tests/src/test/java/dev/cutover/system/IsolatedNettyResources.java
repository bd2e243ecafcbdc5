package dev.cutover.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives each application of the suite its own Reactor Netty resources. By default a Boot context uses the
 * JVM-global ones and disposes them when it closes, which would take the gateway down with any service
 * stopped in a test — something that cannot happen in production, where each runs in a JVM of its own.
 */
@Configuration(proxyBeanMethods = false)
class IsolatedNettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
