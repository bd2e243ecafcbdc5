package dev.cutover.gateway.support;

import dev.cutover.gateway.routing.Buckets;
import dev.cutover.gateway.routing.Domain;
import dev.cutover.gateway.routing.Side;

/** Finds test users whose bucket puts them on a wanted side of a domain at a weight. */
public final class Callers {

    private Callers() {
    }

    public static String userOn(Side side, Domain domain, int weight, String prefix) {
        for (int i = 0; i < 100_000; i++) {
            String candidate = prefix + i;
            if (Buckets.sideOf(Buckets.of(domain, candidate), weight) == side) {
                return candidate;
            }
        }
        throw new IllegalStateException("no caller lands on " + side + " at weight " + weight);
    }
}
