package dev.cutover.ledger.entry;

import dev.cutover.contracts.money.Amounts;
import dev.cutover.ledger.account.Side;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What is to be posted, already valid in shape: a reference, at least two lines with positive amounts.
 * Whether it balances and fits the accounts is decided by {@link Posting}.
 */
record PostingRequest(String reference, String description, Map<String, String> metadata, List<Line> lines) {

    record Line(String accountId, Side direction, long amount) {
        Line {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(direction, "direction");
            if (!Amounts.isValid(amount)) {
                throw new IllegalArgumentException("line amount out of range: " + amount);
            }
        }
    }

    PostingRequest {
        Objects.requireNonNull(reference, "reference");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        lines = List.copyOf(lines);
        if (lines.size() < 2) {
            throw new IllegalArgumentException("an entry has at least two lines");
        }
    }

    long total(Side side) {
        long total = 0;
        for (Line line : lines) {
            if (line.direction() == side) {
                total = Math.addExact(total, line.amount());
            }
        }
        return total;
    }

    boolean isBalanced() {
        return total(Side.DEBIT) == total(Side.CREDIT);
    }

    /**
     * A hash of everything that was asked for, in order. Two requests with one reference are the same
     * posting exactly when their fingerprints match.
     */
    String fingerprint() {
        StringBuilder canonical = new StringBuilder();
        field(canonical, reference);
        field(canonical, description == null ? "\u0000null" : description);
        new TreeMap<>(metadata).forEach((key, value) -> {
            field(canonical, key);
            field(canonical, value);
        });
        canonical.append('|');
        for (Line line : lines) {
            field(canonical, line.accountId());
            field(canonical, line.direction().wire());
            field(canonical, Long.toString(line.amount()));
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Length-prefixed, so no choice of values can make two different requests look alike. */
    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value).append(';');
    }
}
