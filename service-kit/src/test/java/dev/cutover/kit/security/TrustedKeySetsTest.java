package dev.cutover.kit.security;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

    private final RSAKey identityKey = generate("sig-identity");
    private final RSAKey legacyKey = generate("legacy-1");
    private final Map<String, Integer> status = new ConcurrentHashMap<>(Map.of("/identity", 200, "/legacy", 200));
    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final HttpServer server = serve();

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void tokensOfEitherSideAreVerifiedWithTheKeyTheirKidNames() {
        JwtDecoder decoder = decoder();

        assertThat(decoder.decode(token(identityKey)).getSubject()).isEqualTo("usr_1");
        assertThat(decoder.decode(token(legacyKey)).getSubject()).isEqualTo("usr_1");
        assertThatThrownBy(() -> decoder.decode(token(generate("legacy-1")))).isInstanceOf(JwtException.class);
    }

    @Test
    void madeUpKidsDoNotTurnIntoAStreamOfFetches() {
        JwtDecoder decoder = decoder();
        decoder.decode(token(identityKey));
        decoder.decode(token(legacyKey));

        RSAKey unpublished = generate("unpublished");
        for (int i = 0; i < 50; i++) {
            RSAKey stranger = new RSAKey.Builder(unpublished).keyID("kid-" + i).build();
            assertThatThrownBy(() -> decoder.decode(token(stranger))).isInstanceOf(JwtException.class);
        }

        assertThat(fetches.get("/identity").get()).isLessThanOrEqualTo(3);
        assertThat(fetches.get("/legacy").get()).isLessThanOrEqualTo(3);
    }

    @Test
    void aSideThatCannotBeReachedLeavesTheOtherSidesTokensAccepted() {
        status.put("/legacy", 503);
        JwtDecoder decoder = decoder();

        assertThat(decoder.decode(token(identityKey)).getSubject()).isEqualTo("usr_1");
        assertThatThrownBy(() -> decoder.decode(token(legacyKey))).isInstanceOf(JwtException.class);
    }

    private JwtDecoder decoder() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return NimbusJwtDecoder.withJwkSource(TrustedKeySets.at(base + "/identity", "", base + "/legacy"))
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
    }

    private HttpServer serve() {
        Map<String, String> published = Map.of("/identity", new JWKSet(identityKey.toPublicJWK()).toString(),
                "/legacy", new JWKSet(legacyKey.toPublicJWK()).toString());
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            for (String path : List.of("/identity", "/legacy")) {
                fetches.put(path, new AtomicInteger());
                http.createContext(path, exchange -> {
                    fetches.get(path).incrementAndGet();
                    byte[] body = published.get(path).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status.get(path), body.length);
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

    private static String token(RSAKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().subject("usr_1").jwtID(UUID.randomUUID().toString())
                            .expirationTime(Date.from(Instant.now().plusSeconds(900))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
