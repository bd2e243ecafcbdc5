package dev.cutover.gateway.routing;

import org.springframework.http.server.reactive.ServerHttpRequest;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the client's address: the peer, unless the peer is a trusted proxy, in which case the right-most
 * {@code X-Forwarded-For} entry that is not itself a trusted proxy. Entries left of that one were written by
 * whoever sent the request and prove nothing.
 */
public final class ClientAddresses {

    private static final String UNKNOWN = "unknown";

    private final Pattern trustedProxies;

    /** @param trustedProxies a regular expression matching proxy addresses; empty trusts no proxy */
    public ClientAddresses(String trustedProxies) {
        this.trustedProxies = trustedProxies == null || trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }

    public String of(ServerHttpRequest request) {
        String peer = peer(request.getRemoteAddress());
        if (trustedProxies == null || !trustedProxies.matcher(peer).matches()) {
            return peer;
        }
        List<String> forwarded = request.getHeaders().get("X-Forwarded-For");
        if (forwarded == null || forwarded.isEmpty()) {
            return peer;
        }
        String client = peer;
        for (int h = forwarded.size() - 1; h >= 0; h--) {
            String[] hops = forwarded.get(h).split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].trim();
                if (hop.isEmpty()) {
                    continue;
                }
                client = hop;
                if (!trustedProxies.matcher(hop).matches()) {
                    return hop;
                }
            }
        }
        return client;
    }

    private static String peer(InetSocketAddress remote) {
        if (remote == null) {
            return UNKNOWN;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
