package dev.cutover.payments.config;

import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.kit.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

import java.time.Clock;
import java.util.UUID;

/**
 * Clients for identity and the ledger: pooled JDK HTTP connections, explicit timeouts, this service's
 * token, and the request id of the request (or task) being served passed on.
 */
@Configuration(proxyBeanMethods = false)
class HttpClients {

    private static final Logger log = LoggerFactory.getLogger(HttpClients.class);

    static final String IDENTITY = "identityRestClient";
    static final String LEDGER = "ledgerRestClient";

    @Bean
    ServiceToken serviceToken(RestClient.Builder builder, PaymentsProperties properties, Clock clock) {
        return new ServiceToken(builder.clone().requestFactory(factory(properties.identity())), properties.serviceClient(), clock);
    }

    /** Fetches the service token as soon as the application is up, so the first payment does not wait for it. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> serviceTokenWarmUp(ServiceToken token) {
        return ready -> Thread.ofVirtual().name("service-token-warm-up").start(() -> {
            try {
                token.get();
            } catch (RuntimeException notYet) {
                log.info("Service token not available yet ({}); it is fetched on first use", notYet.getClass().getSimpleName());
            }
        });
    }

    @Bean(IDENTITY)
    RestClient identityRestClient(RestClient.Builder builder, PaymentsProperties properties, ServiceToken token) {
        return client(builder, properties.identity(), token);
    }

    @Bean(LEDGER)
    RestClient ledgerRestClient(RestClient.Builder builder, PaymentsProperties properties, ServiceToken token) {
        return client(builder, properties.ledger(), token);
    }

    private static RestClient client(RestClient.Builder builder, PaymentsProperties.Upstream upstream, ServiceToken token) {
        ClientHttpRequestInterceptor authenticate = (request, body, execution) -> {
            request.getHeaders().setBearerAuth(token.get());
            String requestId = RequestIdFilter.current();
            request.getHeaders().set(CutoverHeaders.REQUEST_ID, requestId != null ? requestId : UUID.randomUUID().toString());
            return execution.execute(request, body);
        };
        return builder.clone()
                .baseUrl(upstream.baseUrl().toString())
                .requestFactory(factory(upstream))
                .requestInterceptor(authenticate)
                .build();
    }

    private static org.springframework.http.client.ClientHttpRequestFactory factory(PaymentsProperties.Upstream upstream) {
        return ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                .withConnectTimeout(upstream.connectTimeout())
                .withReadTimeout(upstream.readTimeout()));
    }
}
