package dev.cutover.gateway.routing;

import org.springframework.web.server.ServerWebExchange;

import java.util.function.Predicate;

/**
 * Decides per request which side serves it: the caller's bucket against the domain's current weight.
 *
 * <p>This replaces Spring Cloud Gateway's {@code Weight} predicate, which draws a random number per request
 * and so cannot be sticky (ADR 0010). Weights 0 and 100 are answered without hashing.
 */
public final class SideChooser {

    private final RoutingTable table;
    private final ClientAddresses addresses;

    public SideChooser(RoutingTable table, ClientAddresses addresses) {
        this.table = table;
        this.addresses = addresses;
    }

    public Side choose(Domain domain, ServerWebExchange exchange) {
        return sideAt(domain, exchange, table.weightOf(domain));
    }

    /** The side this request's caller lands on at {@code weight}. */
    public Side sideAt(Domain domain, ServerWebExchange exchange, int weight) {
        if (weight <= Weights.MIN) {
            return Side.LEGACY;
        }
        if (weight >= Weights.MAX) {
            return Side.NEW;
        }
        CallerKey caller = exchange.getAttribute(CallerKey.ATTRIBUTE);
        String key = caller != null ? caller.routingKey() : addresses.of(exchange.getRequest());
        return Buckets.sideOf(Buckets.of(domain, key), weight);
    }

    /** The route predicate of a domain's new-side route. */
    public Predicate<ServerWebExchange> servesNew(Domain domain) {
        return exchange -> choose(domain, exchange) == Side.NEW;
    }
}
