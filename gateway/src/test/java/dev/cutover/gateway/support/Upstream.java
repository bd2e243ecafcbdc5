package dev.cutover.gateway.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A stand-in for one upstream (the legacy monolith or a new service): a WireMock server on a free loopback
 * port that answers everything with {@code 200 {"upstream": "<name>"}} unless a test says otherwise.
 */
public final class Upstream implements AutoCloseable {

    private final String name;
    private final WireMockServer server;

    private Upstream(String name) {
        this.name = name;
        this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(16).jettyAcceptors(1).gzipDisabled(true));
        server.start();
        reset();
    }

    public static Upstream start(String name) {
        return new Upstream(name);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Back to answering everything with 200 and a clean request journal. */
    public void reset() {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"upstream\":\"" + name + "\"}")));
    }

    public void stub(MappingBuilder mapping) {
        server.stubFor(mapping);
    }

    public List<LoggedRequest> received() {
        return server.findAll(anyRequestedFor(anyUrl()));
    }

    public List<LoggedRequest> received(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    @Override
    public void close() {
        server.stop();
    }
}
