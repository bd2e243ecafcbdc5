package dev.cutover.gateway.support;

import dev.cutover.gateway.GatewayApplication;
import dev.cutover.testsupport.JwksServer;
import dev.cutover.testsupport.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One running gateway, started the way production starts it (the real {@code gateway.yml}) with the
 * settings a test passes as if they were environment variables. Tokens come from {@link TestTokens}, keys
 * from {@link JwksServer}. Several may run side by side, e.g. two replicas sharing one Redis.
 */
public final class GatewayInstance implements AutoCloseable {

    private final Map<String, Object> settings;
    private final ConfigurableApplicationContext context;

    private GatewayInstance(Map<String, Object> settings) {
        this.settings = settings;
        List<String> args = new ArrayList<>();
        settings.forEach((key, value) -> args.add("--" + key + "=" + value));
        this.context = new SpringApplicationBuilder(GatewayApplication.class, IsolatedNettyResources.class)
                .properties("spring.config.name=" + GatewayApplication.CONFIG_NAME).run(args.toArray(String[]::new));
    }

    public static GatewayInstance start(Map<String, Object> settings) {
        return new GatewayInstance(withDefaults(settings));
    }

    /** The settings every test gateway starts with, before a test's own. */
    public static Map<String, Object> withDefaults(Map<String, Object> settings) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", 0);
        all.put("MANAGEMENT_PORT", 0);
        all.put("IDENTITY_JWKS_URI", JwksServer.uri());
        all.put("LEGACY_JWKS_URI", ""); // the fake legacy upstreams publish no keys
        all.put("JWT_ISSUER", TestTokens.ISSUER);
        all.put("RATE_LIMIT_PER_SECOND", 10_000);
        all.put("RATE_LIMIT_BURST", 10_000);
        all.put("UPSTREAM_RESPONSE_TIMEOUT", "3s");
        all.put("spring.main.banner-mode", "off");
        all.put("logging.level.root", System.getProperty("gateway.test.log", "WARN"));
        all.put("logging.level.dev.cutover.gateway", "INFO");
        all.put("logging.level.org.springframework.boot.StartupInfoLogger", "INFO");
        all.putAll(settings);
        return all;
    }

    /** The same gateway again, as after a restart of its process. */
    public GatewayInstance restart() {
        close();
        return new GatewayInstance(settings);
    }

    public int port() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    public int managementPort() {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.management.port"));
    }

    public WebTestClient client() {
        return client(port());
    }

    public WebTestClient management() {
        return client(managementPort());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static WebTestClient client(int port) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create()))
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
                .build();
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
