package dev.cutover.gateway.edge;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.cutover.testsupport.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedKeySetsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final RSAKey identityKey = generate("sig-identity");
    private final RSAKey legacyKey = generate("legacy-1");
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final SettableClock clock = new SettableClock(NOW);
    private final HttpServer server = serve();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void tokensOfEitherSideAreVerifiedWithTheKeyTheirKidNames() {
        NimbusReactiveJwtDecoder decoder = decoder(Duration.ofMinutes(5));

        assertThat(decoder.decode(token(identityKey)).block().getSubject()).isEqualTo("usr_1");
        assertThat(decoder.decode(token(legacyKey)).block().getSubject()).isEqualTo("usr_1");
        assertThatThrownBy(() -> decoder.decode(token(generate("legacy-1"))).block()).isInstanceOf(JwtException.class);
    }

    @Test
    void madeUpKidsFetchEachSetAtMostOncePerInterval() {
        NimbusReactiveJwtDecoder decoder = decoder(Duration.ofMinutes(5));
        decoder.decode(token(identityKey)).block();
        clock.set(NOW.plusSeconds(2));

        RSAKey unpublished = generate("unpublished");
        for (int i = 0; i < 50; i++) {
            RSAKey stranger = new RSAKey.Builder(unpublished).keyID("kid-" + i).build();
            assertThatThrownBy(() -> decoder.decode(token(stranger)).block()).isInstanceOf(JwtException.class);
        }

        assertThat(fetches.get("/identity").get()).as("the first fetch and one for the made-up kids").isEqualTo(2);
        assertThat(fetches.get("/legacy").get()).as("one fetch for the made-up kids").isEqualTo(1);
    }

    @Test
    void aSetThatCannotBeFetchedKeepsItsLastKeys() {
        NimbusReactiveJwtDecoder decoder = decoder(Duration.ofMinutes(5));
        decoder.decode(token(legacyKey)).block();

        published.put("/legacy", "not json");
        clock.set(NOW.plus(Duration.ofMinutes(10)));

        assertThat(decoder.decode(token(legacyKey)).block().getSubject()).isEqualTo("usr_1");
        assertThat(fetches.get("/legacy").get()).isEqualTo(2);
    }

    @Test
    void aKeyRemovedFromItsSetStopsBeingTrustedOnceTheSetIsRefreshed() {
        NimbusReactiveJwtDecoder decoder = decoder(Duration.ofMinutes(5));
        String token = token(identityKey);
        decoder.decode(token).block();

        published.put("/identity", new JWKSet(List.of()).toString());
        clock.set(NOW.plus(Duration.ofMinutes(6)));

        assertThatThrownBy(() -> decoder.decode(token).block()).isInstanceOf(JwtException.class);
    }

    private NimbusReactiveJwtDecoder decoder(Duration maxAge) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        TrustedKeySets keys = new TrustedKeySets(List.of(URI.create(base + "/identity"), URI.create(base + "/legacy")),
                WebClient.create(), maxAge, Duration.ofSeconds(1), clock);
        return NimbusReactiveJwtDecoder.withJwkSource(keys).jwsAlgorithm(SignatureAlgorithm.RS256).build();
    }

    private HttpServer serve() {
        published.put("/identity", new JWKSet(identityKey.toPublicJWK()).toString());
        published.put("/legacy", new JWKSet(legacyKey.toPublicJWK()).toString());
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            for (String path : List.of("/identity", "/legacy")) {
                fetches.put(path, new AtomicInteger());
                http.createContext(path, exchange -> {
                    fetches.get(path).incrementAndGet();
                    byte[] body = published.get(path).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
            }
            http.start();
            return http;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().subject("usr_1").issuer("https://identity.test").jwtID(UUID.randomUUID().toString())
                            .expirationTime(Date.from(Instant.now().plusSeconds(900))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
