package dev.cutover.ledger.account;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccountTest {

    private static Account open(AccountType type, boolean allowNegative) {
        return Account.open("Test", "USD", type, allowNegative, null, Instant.parse("2026-11-25T08:00:00Z"));
    }

    @Test
    void theNormalSideFollowsTheType() {
        assertThat(open(AccountType.ASSET, true).normalBalance()).isEqualTo(Side.DEBIT);
        assertThat(open(AccountType.EXPENSE, true).normalBalance()).isEqualTo(Side.DEBIT);
        assertThat(open(AccountType.LIABILITY, true).normalBalance()).isEqualTo(Side.CREDIT);
        assertThat(open(AccountType.EQUITY, true).normalBalance()).isEqualTo(Side.CREDIT);
        assertThat(open(AccountType.REVENUE, true).normalBalance()).isEqualTo(Side.CREDIT);
    }

    @Test
    void anAccountsTotalsCarryItsNormalSideAndGuard() {
        Totals totals = open(AccountType.LIABILITY, false).totals();

        assertThat(totals).isEqualTo(new Totals(Side.CREDIT, false, 0, 0));
    }

    @Test
    void ownershipIsExact() {
        Account owned = Account.open("Wallet", "EUR", AccountType.LIABILITY, false, "usr_a", Instant.EPOCH);

        assertThat(owned.isOwnedBy("usr_a")).isTrue();
        assertThat(owned.isOwnedBy("usr_b")).isFalse();
        assertThat(open(AccountType.ASSET, true).isOwnedBy("usr_a")).isFalse();
        assertThat(owned.id()).startsWith("acc_");
    }
}
