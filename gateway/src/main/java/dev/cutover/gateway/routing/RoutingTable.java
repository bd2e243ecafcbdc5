package dev.cutover.gateway.routing;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * The weights in force on this replica, read on every request without locking. Whoever resolves the
 * weights (the control plane) publishes a new snapshot; until then every domain is on legacy.
 *
 * <p>It also remembers each domain's last {@link Move}: the weight before and after a change this replica published
 * (not the first snapshot, which moves nobody), so that a caller the change moved can be told apart (SPEC §7,
 * read-your-writes across a switch).
 */
public final class RoutingTable {

    /**
     * A change of one domain's weight on this replica.
     *
     * @param from the weight before the change (a caller moved by an earlier change that was not settled yet, and
     *             not by this one, is not held by this one)
     * @param to   the weight after it
     * @param at   when this replica put it in force
     */
    public record Move(Domain domain, int from, int to, Instant at) {
    }

    private volatile int[] weights = new int[Domain.values().length];
    private final Move[] moves = new Move[Domain.values().length];
    private boolean published;

    public int weightOf(Domain domain) {
        return weights[domain.ordinal()];
    }

    /** The domain's last move that is not settled yet, or null. */
    public Move lastMove(Domain domain) {
        synchronized (moves) {
            return moves[domain.ordinal()];
        }
    }

    /** Forgets {@code move} once every caller it moved can be served without waiting (if it is still the last). */
    public void settle(Move move) {
        synchronized (moves) {
            if (moves[move.domain().ordinal()] == move) {
                moves[move.domain().ordinal()] = null;
            }
        }
    }

    public Map<Domain, Integer> snapshot() {
        int[] current = weights;
        Map<Domain, Integer> copy = new EnumMap<>(Domain.class);
        for (Domain domain : Domain.values()) {
            copy.put(domain, current[domain.ordinal()]);
        }
        return copy;
    }

    public void publish(Map<Domain, Integer> effective) {
        int[] next = new int[Domain.values().length];
        for (Domain domain : Domain.values()) {
            Integer weight = effective.get(domain);
            if (weight == null || !Weights.isValid(weight)) {
                throw new IllegalArgumentException("no valid weight for " + domain.key() + ": " + weight);
            }
            next[domain.ordinal()] = weight;
        }
        synchronized (moves) {
            int[] before = weights;
            if (published) {
                Instant now = Instant.now();
                for (Domain domain : Domain.values()) {
                    int i = domain.ordinal();
                    if (before[i] != next[i]) {
                        moves[i] = new Move(domain, before[i], next[i], now);
                    }
                }
            }
            published = true;
            weights = next;
        }
    }
}
