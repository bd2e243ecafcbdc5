package dev.cutover.gateway.hold;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.gateway.problem.ProblemException;
import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.RouteAttributes;
import dev.cutover.gateway.routing.RoutingTable;
import dev.cutover.gateway.routing.Side;
import dev.cutover.gateway.routing.SideChooser;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * Read-your-writes across a switch (SPEC §7, ADR 67): after a weight change or the kill switch, a request of a caller
 * the change moved to the other side waits until that side's stream has passed the change's fence, so it sees every
 * write acknowledged before the change — at most {@code max}, then 503 {@code dependency_unavailable} with
 * {@code Retry-After}. Callers the change did not move, and every request once the fence is passed, go straight on.
 */
public final class ReadYourWritesHold implements GlobalFilter, Ordered {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReadYourWritesHold.class);

    public static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER - 1;

    private final RoutingTable table;
    private final SideChooser chooser;
    private final SyncFences fences;
    private final Duration max;
    private final Timer held;
    private final Counter refused;

    /**
     * The hold of this gateway: fences raised and asked at each domain's new service ({@code services}), with the
     * gateway's own token from {@code properties}' token endpoint, {@code raiseAfter} a move.
     */
    public static ReadYourWritesHold of(HoldProperties properties, Map<Domain, java.net.URI> services, WebClient client,
                                        RoutingTable table, SideChooser chooser, Duration raiseAfter, MeterRegistry meters) {
        ServiceToken token = new ServiceToken(client, properties.tokenUri(), properties.clientId(), properties.clientSecret());
        SyncFences fences = new SyncFences(services, client, token, raiseAfter, properties.poll(), java.time.Clock.systemUTC());
        return new ReadYourWritesHold(table, chooser, fences, properties.max(), meters);
    }

    /** No hold: every request goes straight on (the gateway has no service client to ask the sync with). */
    public static ReadYourWritesHold off() {
        return new ReadYourWritesHold(null, null, null, Duration.ZERO, null);
    }

    ReadYourWritesHold(RoutingTable table, SideChooser chooser, SyncFences fences, Duration max, MeterRegistry meters) {
        this.table = table;
        this.chooser = chooser;
        this.fences = fences;
        this.max = max;
        if (meters == null) {
            this.held = null;
            this.refused = null;
            return;
        }
        this.held = Timer.builder("cutover.gateway.hold").description("How long moved callers' requests waited for the sync")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.refused = Counter.builder("cutover.gateway.hold.refused")
                .description("Moved callers' requests answered 503 because the sync had not caught up in time").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (fences == null) {
            return chain.filter(exchange);
        }
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        Domain domain = RouteAttributes.domainOf(route);
        Side side = RouteAttributes.sideOf(route);
        RoutingTable.Move move = domain == null ? null : table.lastMove(domain);
        if (move == null || side == null || chooser.sideAt(domain, exchange, move.from()) == side) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        return fences.caughtUp(move, side)
                .timeout(max)
                .doOnSuccess(done -> {
                    held.record(Duration.ofNanos(System.nanoTime() - started));
                    if (side == (move.to() > move.from() ? Side.NEW : Side.LEGACY)) {
                        table.settle(move); // everyone it moved may go straight on now
                    }
                })
                .onErrorMap(error -> {
                    refused.increment();
                    if (!(error instanceof TimeoutException)) {
                        log.warn("a moved caller of {} was refused: {}", domain.key(), error.getClass().getSimpleName());
                    }
                    return new ProblemException(ErrorCode.DEPENDENCY_UNAVAILABLE, error instanceof TimeoutException
                            ? "Your data is still on its way from the other side after a routing change; retry shortly."
                            : "Whether your data has arrived after a routing change cannot be told now; retry shortly.",
                            List.of(), Map.of(HttpHeaders.RETRY_AFTER, "1"));
                })
                .then(Mono.defer(() -> chain.filter(exchange)));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
