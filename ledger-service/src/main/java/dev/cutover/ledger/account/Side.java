package dev.cutover.ledger.account;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A side of the ledger: the direction of a line and the normal balance of an account. */
public enum Side {

    @JsonProperty("debit") DEBIT,
    @JsonProperty("credit") CREDIT;

    public Side opposite() {
        return this == DEBIT ? CREDIT : DEBIT;
    }

    /** The value on the wire and in the database. */
    public String wire() {
        return this == DEBIT ? "debit" : "credit";
    }

    public static Side fromWire(String value) {
        return switch (value) {
            case "debit" -> DEBIT;
            case "credit" -> CREDIT;
            default -> throw new IllegalArgumentException("not a side: " + value);
        };
    }
}
