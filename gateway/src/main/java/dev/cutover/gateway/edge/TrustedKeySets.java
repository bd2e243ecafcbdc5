package dev.cutover.gateway.edge;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The signing keys the edge trusts: identity's and, while callers move between the sides, the legacy monolith's.
 * Each side publishes its own JWKS and keeps its private key; a token is verified with the key its {@code kid}
 * names, whichever set holds it.
 *
 * <p>Each set is fetched on first use and again once it is older than {@code maxAge}. A {@code kid} no set knows
 * fetches each set again, at most once per {@code minInterval} and shared by every request waiting at that moment,
 * so tokens with made-up kids cannot turn into a stream of fetches. A set that cannot be fetched keeps its last
 * good keys.
 */
public final class TrustedKeySets implements Function<SignedJWT, Flux<JWK>> {

    private final List<KeySet> sets;

    public TrustedKeySets(List<URI> uris, WebClient client, Duration maxAge, Duration minInterval, Clock clock) {
        this.sets = uris.stream().map(uri -> new KeySet(uri, client, maxAge, minInterval, clock)).toList();
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            return Flux.empty();
        }
        return Flux.fromIterable(sets).concatMap(set -> set.find(kid)).take(1);
    }

    static final class KeySet {

        private static final Logger log = LoggerFactory.getLogger(TrustedKeySets.class);

        private final URI uri;
        private final WebClient client;
        private final Duration maxAge;
        private final Duration minInterval;
        private final Clock clock;
        private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(new JWKSet(), Instant.MIN));
        private final AtomicReference<Mono<Snapshot>> inFlight = new AtomicReference<>();

        KeySet(URI uri, WebClient client, Duration maxAge, Duration minInterval, Clock clock) {
            this.uri = uri;
            this.client = client;
            this.maxAge = maxAge;
            this.minInterval = minInterval;
            this.clock = clock;
        }

        Mono<JWK> find(String kid) {
            Snapshot snapshot = current.get();
            Instant now = clock.instant();
            JWK known = snapshot.keys().getKeyByKeyId(kid);
            boolean stale = snapshot.attemptedAt().plus(maxAge).isBefore(now);
            boolean mayRefetch = snapshot.attemptedAt().plus(minInterval).isBefore(now);
            if (known != null && !stale) {
                return Mono.just(known);
            }
            if (!stale && !mayRefetch) {
                return Mono.empty();
            }
            return refresh().flatMap(fresh -> Mono.justOrEmpty(fresh.keys().getKeyByKeyId(kid)));
        }

        /** One fetch at a time; whoever asks meanwhile waits for the same answer. */
        private Mono<Snapshot> refresh() {
            Mono<Snapshot> running = inFlight.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Mono<Snapshot>> self = new AtomicReference<>();
            Mono<Snapshot> fetch = client.get().uri(uri).retrieve().bodyToMono(String.class)
                    .map(this::parse)
                    .onErrorResume(failure -> {
                        log.warn("Could not fetch the key set {} ({}); keeping the last one", uri, failure.getClass().getSimpleName());
                        return Mono.just(new Snapshot(current.get().keys(), clock.instant()));
                    })
                    // before the answer goes out: whoever asks after it must not get this (older) fetch
                    .doOnNext(fresh -> {
                        current.set(fresh);
                        inFlight.compareAndSet(self.get(), null);
                    })
                    .doFinally(signal -> inFlight.compareAndSet(self.get(), null))
                    .cache();
            self.set(fetch);
            if (inFlight.compareAndSet(null, fetch)) {
                return fetch;
            }
            Mono<Snapshot> other = inFlight.get();
            return other != null ? other : Mono.fromSupplier(current::get);
        }

        private Snapshot parse(String body) {
            try {
                return new Snapshot(JWKSet.parse(body), clock.instant());
            } catch (ParseException notAKeySet) {
                throw new IllegalStateException("not a JWK set", notAKeySet);
            }
        }

        private record Snapshot(JWKSet keys, Instant attemptedAt) {
        }
    }
}
