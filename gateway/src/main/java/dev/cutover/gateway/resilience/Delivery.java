package dev.cutover.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Whether a failed attempt provably never reached the upstream. Only then may the request be sent
 * elsewhere: a connection that was never established (refused, no route, unknown host, connect timeout —
 * Netty's {@code ConnectTimeoutException} is a {@link ConnectException}) or an open breaker that stopped the
 * attempt. Anything after the connection was up — timeouts, resets, premature closes — may have reached it.
 */
public final class Delivery {

    private Delivery() {
    }

    public static boolean provablyNotDelivered(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }

    public static <T extends Throwable> T find(Throwable error, Class<T> type) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
