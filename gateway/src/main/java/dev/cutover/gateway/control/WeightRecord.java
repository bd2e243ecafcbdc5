package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Weights;

import java.time.Instant;
import java.util.Objects;

/**
 * A weight ops set at runtime, as the store keeps it.
 *
 * @param source    {@link WeightSource#RUNTIME} or {@link WeightSource#KILL_SWITCH}
 * @param changedBy the {@code sub} of the ops token that made the change
 */
public record WeightRecord(int weight, WeightSource source, String changedBy, Instant changedAt, String reason) {

    public WeightRecord {
        if (!Weights.isValid(weight)) {
            throw new IllegalArgumentException("weight out of range: " + weight);
        }
        if (source != WeightSource.RUNTIME && source != WeightSource.KILL_SWITCH) {
            throw new IllegalArgumentException("a stored weight is a runtime change or the kill switch");
        }
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
