package dev.cutover.ledger.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TotalsTest {

    private static Totals empty(Side normalBalance, boolean allowNegative) {
        return new Totals(normalBalance, allowNegative, 0, 0);
    }

    @Test
    void theBalanceIsSignedByTheNormalSide() {
        Totals asset = empty(Side.DEBIT, true).plus(100, 30);
        Totals liability = empty(Side.CREDIT, true).plus(100, 30);

        assertThat(asset.balance()).isEqualTo(70);
        assertThat(liability.balance()).isEqualTo(-70);
        assertThat(asset.debits()).isEqualTo(100);
        assertThat(asset.credits()).isEqualTo(30);
    }

    @Test
    void aGuardedAccountRefusesToGoBelowZeroAndKeepsItsTotals() {
        Totals wallet = empty(Side.CREDIT, false).plus(0, 50);

        assertThat(wallet.wouldGoNegative(51, 0)).isTrue();
        assertThat(wallet.wouldGoNegative(50, 0)).isFalse();
        assertThatThrownBy(() -> wallet.plus(51, 0)).isInstanceOf(IllegalStateException.class);
        assertThat(wallet.balance()).isEqualTo(50);
        assertThat(wallet.plus(50, 0).balance()).isZero();
    }

    @Test
    void anUnguardedAccountMayGoNegative() {
        assertThat(empty(Side.DEBIT, true).plus(0, 10).balance()).isEqualTo(-10);
    }

    @Test
    void negativeAmountsAndOverflowAreRefused() {
        Totals account = empty(Side.DEBIT, true);

        assertThatThrownBy(() -> account.plus(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        Totals nearlyFull = account.plus(Long.MAX_VALUE - 1, 0);
        assertThatThrownBy(() -> nearlyFull.plus(2, 0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aLockedAccountKeepsWhatItReadApartFromWhatWasRecorded() {
        LockedAccount locked = new LockedAccount("acc_a", "USD", new Totals(Side.DEBIT, false, 100, 40));

        locked.record(5, 0);
        locked.record(0, 65);

        assertThat(locked.totals().balance()).isZero();
        assertThat(locked.addedDebits()).isEqualTo(5);
        assertThat(locked.addedCredits()).isEqualTo(65);
        assertThat(locked.changed()).isTrue();
        assertThat(locked.wouldGoNegative(0, 1)).isTrue();
        assertThatThrownBy(() -> locked.record(0, 1)).isInstanceOf(IllegalStateException.class);
    }
}
