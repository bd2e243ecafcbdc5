package dev.cutover.gateway.routing;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/** Names under which the routing facts of a request are kept on routes and exchanges. */
public final class RouteAttributes {

    /** Route metadata: the {@link Domain} a route serves. */
    public static final String DOMAIN = "cutover.domain";
    /** Route metadata: the {@link Side} a route goes to. */
    public static final String SIDE = "cutover.side";
    /** Exchange attribute: the {@link Side} that was last sent the request (after any fallback). */
    public static final String SERVED_BY = RouteAttributes.class.getName() + ".servedBy";

    private RouteAttributes() {
    }

    public static Domain domainOf(Route route) {
        return route == null ? null : (Domain) route.getMetadata().get(DOMAIN);
    }

    public static Side sideOf(Route route) {
        return route == null ? null : (Side) route.getMetadata().get(SIDE);
    }

    /** The domain of the route a request matched, or {@code null} before routing or when nothing matched. */
    public static Domain domainOf(ServerWebExchange exchange) {
        return domainOf((Route) exchange.getAttribute(GATEWAY_ROUTE_ATTR));
    }

    public static Side servedBy(ServerWebExchange exchange) {
        return exchange.getAttribute(SERVED_BY);
    }
}
