package dev.cutover.ledger.account;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** The five account types of double-entry bookkeeping, each with the side that increases it. */
public enum AccountType {

    @JsonProperty("asset") ASSET(Side.DEBIT),
    @JsonProperty("liability") LIABILITY(Side.CREDIT),
    @JsonProperty("equity") EQUITY(Side.CREDIT),
    @JsonProperty("revenue") REVENUE(Side.CREDIT),
    @JsonProperty("expense") EXPENSE(Side.DEBIT);

    private final Side normalBalance;

    AccountType(Side normalBalance) {
        this.normalBalance = normalBalance;
    }

    public Side normalBalance() {
        return normalBalance;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccountType fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
