package dev.cutover.gateway.hold;

import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RoutingTable.Move;
import dev.cutover.gateway.routing.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fence of each move (ADR 64, 67): raised in the moved domain's streams by its new service once every replica has
 * put the move in force, then asked about until the stream into the side callers moved to has passed it — from then
 * on that side holds every write acknowledged before the move. One fence per move and one question per poll interval,
 * however many requests wait. A domain whose service answers 404 runs without the sync: nothing to wait for.
 */
final class SyncFences {

    private static final Logger log = LoggerFactory.getLogger(SyncFences.class);

    private final Map<Domain, URI> services;
    private final WebClient client;
    private final ServiceToken token;
    private final Duration raiseAfter;
    private final Duration poll;
    private final Clock clock;
    private final Map<Move, Fence> fences = new ConcurrentHashMap<>();

    /** @param raiseAfter how long after a move every replica has it in force (the shared store's poll interval) */
    SyncFences(Map<Domain, URI> services, WebClient client, ServiceToken token, Duration raiseAfter, Duration poll, Clock clock) {
        this.services = Map.copyOf(services);
        this.client = client;
        this.token = token;
        this.raiseAfter = raiseAfter;
        this.poll = poll;
        this.clock = clock;
    }

    /** Completes once the stream into {@code target} has passed the move's fence (at once when the domain does not sync). */
    Mono<Void> caughtUp(Move move, Side target) {
        fences.keySet().removeIf(known -> known.domain() == move.domain() && known != move);
        Fence fence = fences.computeIfAbsent(move, Fence::new);
        return fence.caughtUp(target);
    }

    /** The stream that writes into {@code target}: {@code legacy-to-payments} brings legacy's writes to the new side. */
    static String streamInto(Domain domain, Side target) {
        return target == Side.NEW ? "legacy-to-" + domain.key() : domain.key() + "-to-legacy";
    }

    private final class Fence {

        private final Move move;
        private final Mono<Optional<String>> raised;
        private final Mono<JsonNode> passed;
        private volatile boolean intoNew;
        private volatile boolean intoLegacy;

        Fence(Move move) {
            this.move = move;
            URI service = services.get(move.domain());
            Duration wait = Duration.between(clock.instant(), move.at().plus(raiseAfter));
            this.raised = Mono.delay(wait.isNegative() ? Duration.ZERO : wait)
                    .then(token.get())
                    .flatMap(bearer -> client.post().uri(service.resolve("/internal/v1/sync/fences"))
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                            .retrieve().bodyToMono(JsonNode.class))
                    .map(body -> Optional.of(body.path("id").asString()))
                    .onErrorResume(WebClientResponseException.class, refused -> refused.getStatusCode() == HttpStatus.NOT_FOUND
                            ? Mono.just(Optional.empty()) : Mono.error(refused))
                    .doOnError(error -> log.warn("no fence for the {} move {} → {}: {}", move.domain().key(), move.from(),
                            move.to(), error.getClass().getSimpleName()))
                    .cache(id -> Duration.ofDays(1), error -> Duration.ZERO, () -> Duration.ZERO);
            this.passed = raised.flatMap(id -> id.map(fence -> token.get()
                            .flatMap(bearer -> client.get().uri(service.resolve("/internal/v1/sync/fences/" + fence))
                                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                                    .retrieve().bodyToMono(JsonNode.class))
                            .map(body -> body.path("passed")))
                            .orElseGet(Mono::empty))
                    .cache(answer -> poll, error -> Duration.ZERO, () -> Duration.ofDays(1));
        }

        Mono<Void> caughtUp(Side target) {
            if (target == Side.NEW ? intoNew : intoLegacy) {
                return Mono.empty();
            }
            String stream = streamInto(move.domain(), target);
            return Mono.defer(() -> passed.map(answer -> answer.path(stream).asBoolean(false)).defaultIfEmpty(true))
                    .filter(Boolean::booleanValue)
                    .repeatWhenEmpty(notYet -> notYet.delayElements(poll))
                    .doOnNext(done -> {
                        if (target == Side.NEW) {
                            intoNew = true;
                        } else {
                            intoLegacy = true;
                        }
                    })
                    .then();
        }
    }
}
