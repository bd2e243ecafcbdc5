package dev.cutover.gateway.control;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.gateway.problem.ProblemException;
import dev.cutover.gateway.problem.ProblemExceptionHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * The ops control API ({@code ops} scope, enforced at the edge). Reads refresh from the store first, so they
 * show what every replica will have in force within one poll interval.
 */
@RestController
@RequestMapping(path = "/ops/v1/routing", produces = MediaType.APPLICATION_JSON_VALUE)
class RoutingControlController {

    static final int DEFAULT_AUDIT_LIMIT = 20;
    static final int MAX_AUDIT_LIMIT = 100;

    private final RoutingControl control;
    private final SyncStatus sync;

    RoutingControlController(RoutingControl control, SyncStatus sync) {
        this.control = control;
        this.sync = sync;
    }

    /** The weights, and where each domain's data sync with the monolith is (its lag, backlog, last error). */
    @GetMapping
    Mono<RoutingViews.Routing> routing(ServerWebExchange exchange) {
        Mono<Map<String, Object>> streams = sync.of(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        return control.refresh()
                .onErrorResume(storeDown -> Mono.empty())
                .then(streams)
                .map(syncing -> RoutingViews.Routing.of(control.state()).withSync(syncing));
    }

    @PutMapping(path = "/{domain}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<RoutingViews.Routing> setWeight(@PathVariable("domain") String domain,
                                         @RequestBody(required = false) JsonNode body,
                                         Principal principal, ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> ChangeRequests.setWeight(domain, body))
                .flatMap(change -> control.setWeight(change.domain(), change.weight(), change.reason(), actor(principal, exchange))
                        .onErrorMap(RoutingControlController::storeUnavailable))
                .map(RoutingViews.Routing::of);
    }

    @PostMapping(path = "/kill-switch", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<RoutingViews.Routing> killSwitch(@RequestBody(required = false) JsonNode body, Principal principal,
                                          ServerWebExchange exchange) {
        return Mono.fromSupplier(() -> ChangeRequests.killSwitchReason(body))
                .flatMap(reason -> control.killSwitch(reason, actor(principal, exchange))
                        .onErrorMap(RoutingControlController::storeUnavailable))
                .map(RoutingViews.Routing::of);
    }

    @GetMapping("/audit")
    Mono<RoutingViews.AuditList> audit(@RequestParam(name = "limit", required = false) String limit) {
        return Mono.fromSupplier(() -> ChangeRequests.limit(limit, DEFAULT_AUDIT_LIMIT, MAX_AUDIT_LIMIT))
                .flatMap(count -> control.audit(count).onErrorMap(RoutingControlController::storeUnavailable))
                .map(RoutingViews.AuditList::of);
    }

    /**
     * The store did not answer. A write may or may not have landed (a timeout cannot tell), so the client is
     * told to read the state before trying again rather than that nothing changed.
     */
    private static ProblemException storeUnavailable(Throwable error) {
        return new ProblemException(ErrorCode.DEPENDENCY_UNAVAILABLE,
                "The routing state store did not answer; read GET /ops/v1/routing before retrying a change.",
                List.of(), Map.of(HttpHeaders.RETRY_AFTER, "1"));
    }

    private static Actor actor(Principal principal, ServerWebExchange exchange) {
        return new Actor(principal.getName(), exchange.getAttribute(ProblemExceptionHandler.REQUEST_ID_ATTRIBUTE));
    }
}
