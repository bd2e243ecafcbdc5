package dev.cutover.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;

/**
 * Two routes per domain: {@code <domain>-new} (the domain's paths and the caller's bucket is under the
 * weight) and {@code <domain>-legacy} (the domain's paths). New-side routes are ordered first, so a request
 * the sticky predicate does not send to the new service falls through to legacy. Paths outside every domain,
 * {@code /internal/**} among them, match no route and get 404.
 */
public final class MigrationRoutes {

    private static final int NEW_SIDE_ORDER = 0;
    private static final int LEGACY_SIDE_ORDER = 1;

    private MigrationRoutes() {
    }

    public static RouteLocator of(RouteLocatorBuilder builder, Upstreams upstreams, SideChooser chooser) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Domain domain : Domain.values()) {
            String[] paths = domain.pathPatterns().toArray(String[]::new);
            routes.route(domain.key() + "-" + Side.NEW.value(), r -> r.order(NEW_SIDE_ORDER)
                    .path(paths).and().predicate(chooser.servesNew(domain))
                    .metadata(RouteAttributes.DOMAIN, domain)
                    .metadata(RouteAttributes.SIDE, Side.NEW)
                    .uri(upstreams.uri(domain, Side.NEW)));
            routes.route(domain.key() + "-" + Side.LEGACY.value(), r -> r.order(LEGACY_SIDE_ORDER)
                    .path(paths)
                    .metadata(RouteAttributes.DOMAIN, domain)
                    .metadata(RouteAttributes.SIDE, Side.LEGACY)
                    .uri(upstreams.uri(domain, Side.LEGACY)));
        }
        return routes.build();
    }
}
