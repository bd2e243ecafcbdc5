package dev.cutover.ledger.account;

import java.util.Objects;

/**
 * An account's running totals and the rule that guards them: the balance of an account that does not allow
 * negative balances, signed by its normal side, never goes below zero — not even for a moment.
 */
public record Totals(Side normalBalance, boolean allowNegative, long debits, long credits) {

    public Totals {
        Objects.requireNonNull(normalBalance, "normalBalance");
    }

    /** Debits minus credits for a debit-normal account, credits minus debits for a credit-normal one. */
    public long balance() {
        return signed(debits, credits);
    }

    /** The balance after adding these debit and credit totals. */
    public long balanceAfter(long addedDebits, long addedCredits) {
        return signed(Math.addExact(debits, addedDebits), Math.addExact(credits, addedCredits));
    }

    /** Whether adding these totals would take a guarded account below zero. */
    public boolean wouldGoNegative(long addedDebits, long addedCredits) {
        return !allowNegative && balanceAfter(addedDebits, addedCredits) < 0;
    }

    /** These totals with the lines of one entry added; refuses negative amounts and a guarded balance below zero. */
    public Totals plus(long addedDebits, long addedCredits) {
        if (addedDebits < 0 || addedCredits < 0) {
            throw new IllegalArgumentException("line amounts are positive");
        }
        if (wouldGoNegative(addedDebits, addedCredits)) {
            throw new IllegalStateException("a guarded account may not go below zero");
        }
        return new Totals(normalBalance, allowNegative, Math.addExact(debits, addedDebits), Math.addExact(credits, addedCredits));
    }

    /** Debit and credit totals as a balance of an account with this normal side. */
    long signed(long debitTotal, long creditTotal) {
        return normalBalance == Side.DEBIT ? Math.subtractExact(debitTotal, creditTotal) : Math.subtractExact(creditTotal, debitTotal);
    }
}
