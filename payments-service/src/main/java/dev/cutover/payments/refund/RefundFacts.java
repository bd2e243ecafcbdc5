package dev.cutover.payments.refund;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.problem.ProblemException;

import java.util.List;
import java.util.Map;

/** Why a refund is refused. */
final class RefundFacts {

    private RefundFacts() {
    }

    static final class TransactionNotRefundable extends ProblemException {
        TransactionNotRefundable(String status) {
            super(ErrorCode.TRANSACTION_NOT_REFUNDABLE, "Only succeeded transactions are refunded; this one is " + status + ".");
        }
    }

    static final class RefundExceedsAmount extends ProblemException {
        RefundExceedsAmount(long requested, long refundable) {
            super(ErrorCode.REFUND_EXCEEDS_AMOUNT, "A refund of " + requested + " exceeds the " + refundable + " left to refund.",
                    List.of(), Map.of("refundable", refundable));
        }
    }
}
