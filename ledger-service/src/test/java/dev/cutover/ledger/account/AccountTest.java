package dev.cutover.ledger.account;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void theBalanceIsSignedByTheNormalSide() {
        Account asset = open(AccountType.ASSET, true);
        Account liability = open(AccountType.LIABILITY, true);

        asset.record(100, 30);
        liability.record(100, 30);

        assertThat(asset.balance()).isEqualTo(70);
        assertThat(liability.balance()).isEqualTo(-70);
        assertThat(asset.debits()).isEqualTo(100);
        assertThat(asset.credits()).isEqualTo(30);
    }

    @Test
    void aGuardedAccountRefusesToGoBelowZeroAndKeepsItsTotals() {
        Account wallet = open(AccountType.LIABILITY, false);
        wallet.record(0, 50);

        assertThat(wallet.wouldGoNegative(51, 0)).isTrue();
        assertThat(wallet.wouldGoNegative(50, 0)).isFalse();
        assertThatThrownBy(() -> wallet.record(51, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(wallet.balance()).isEqualTo(50);
    }

    @Test
    void anUnguardedAccountMayGoNegative() {
        Account bank = open(AccountType.ASSET, true);

        bank.record(0, 10);

        assertThat(bank.balance()).isEqualTo(-10);
    }

    @Test
    void negativeAmountsAndOverflowAreRefused() {
        Account account = open(AccountType.ASSET, true);

        assertThatThrownBy(() -> account.record(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        account.record(Long.MAX_VALUE - 1, 0);
        assertThatThrownBy(() -> account.record(2, 0)).isInstanceOf(ArithmeticException.class);
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
