package dev.cutover.payments.transaction;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    private static Transaction pending(long amount) {
        return Transaction.open("usr_a", amount, "USD", "pm_x", null, Map.of(), NOW);
    }

    @Test
    void aNewTransactionIsPendingWithNothingRefunded() {
        Transaction transaction = pending(1_000);

        assertThat(transaction.status()).isEqualTo(TransactionStatus.PENDING);
        assertThat(transaction.amountRefunded()).isZero();
        assertThat(transaction.id()).startsWith("txn_");
        assertThat(transaction.isRefundable()).isFalse();
    }

    @Test
    void nothingLeavesSucceededOrFailed() {
        Transaction succeeded = pending(10);
        succeeded.markSucceeded(NOW);
        Transaction failed = pending(10);
        failed.fail("card_declined", NOW);

        assertThatThrownBy(() -> succeeded.fail("x", NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> succeeded.markSucceeded(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> failed.markSucceeded(NOW)).isInstanceOf(IllegalStateException.class);
        assertThat(failed.failureCode()).isEqualTo("card_declined");
    }

    @Test
    void refundsCountOnlyOnSucceededTransactionsAndNeverBeyondTheAmount() {
        Transaction transaction = pending(1_000);
        assertThatThrownBy(() -> transaction.recordRefund(10, NOW)).isInstanceOf(IllegalStateException.class);
        transaction.markSucceeded(NOW);

        transaction.recordRefund(600, NOW);
        transaction.recordRefund(400, NOW);

        assertThat(transaction.amountRefunded()).isEqualTo(1_000);
        assertThatThrownBy(() -> transaction.recordRefund(1, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void amountsArePositive() {
        assertThatThrownBy(() -> pending(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
