package dev.cutover.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hashes a caller into one of {@value #COUNT} stable buckets per domain.
 *
 * <p>SHA-256 of {@code domain + "\n" + callerKey}, first eight bytes read big-endian as an unsigned number,
 * modulo {@value #COUNT}. It is the same on every replica, JVM and language (ops can compute a user's bucket
 * with {@code sha256sum}), evenly spread, and salted per domain so that one unlucky cohort is not the first
 * to meet every new service. See ADR 0011.
 */
public final class Buckets {

    /** Buckets per domain: a weight step of one percent is {@value #PER_PERCENT} buckets. */
    public static final int COUNT = 10_000;
    public static final int PER_PERCENT = COUNT / Weights.MAX;

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(Buckets::sha256);

    private Buckets() {
    }

    public static int of(Domain domain, String callerKey) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        digest.update(domain.key().getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) '\n');
        byte[] hash = digest.digest(callerKey.getBytes(StandardCharsets.UTF_8));
        long prefix = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            prefix = (prefix << 8) | (hash[i] & 0xFF);
        }
        return (int) Long.remainderUnsigned(prefix, COUNT);
    }

    /**
     * The side a bucket lands on at a weight: new iff {@code bucket < weight × 100}. Raising the weight only
     * ever adds buckets to the new side, so no caller moves back to legacy (monotonic by construction).
     */
    public static Side sideOf(int bucket, int weight) {
        return bucket < weight * PER_PERCENT ? Side.NEW : Side.LEGACY;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
