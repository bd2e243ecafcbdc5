package dev.cutover.payments.ledger;

import dev.cutover.payments.refund.Refund;
import dev.cutover.payments.refund.RefundStatus;
import dev.cutover.payments.refund.Refunds;
import dev.cutover.payments.task.TaskHandler;
import dev.cutover.payments.task.TaskNames;
import dev.cutover.payments.transaction.Transaction;
import dev.cutover.payments.transaction.TransactionStatus;
import dev.cutover.payments.transaction.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Delivers one posting: a succeeded transaction debits clearing and credits merchant settlement; a
 * succeeded refund does the reverse. The reference is the transaction or refund id, so however often this
 * runs, the ledger holds one entry for it.
 */
@Component
class LedgerPosting implements TaskHandler {

    private static final Logger log = LoggerFactory.getLogger(LedgerPosting.class);

    private final Transactions transactions;
    private final Refunds refunds;
    private final LedgerAccounts accounts;
    private final LedgerClient ledger;

    LedgerPosting(Transactions transactions, Refunds refunds, LedgerAccounts accounts, LedgerClient ledger) {
        this.transactions = transactions;
        this.refunds = refunds;
        this.accounts = accounts;
        this.ledger = ledger;
    }

    @Override
    public String taskName() {
        return TaskNames.POST_TO_LEDGER;
    }

    @Override
    public void handle(String subjectId) {
        LedgerClient.EntryCreate entry = subjectId.startsWith("re_") ? refundEntry(subjectId) : chargeEntry(subjectId);
        try {
            String entryId = ledger.post(entry);
            log.info("Posted {} as ledger entry {}", subjectId, entryId);
        } catch (LedgerRejected rejected) {
            log.error("The ledger refused the posting of {}: {}; it will be retried, but needs attention", subjectId,
                    rejected.getMessage());
            throw rejected;
        }
    }

    private LedgerClient.EntryCreate chargeEntry(String transactionId) {
        Transaction charged = transactions.findById(transactionId)
                .filter(t -> t.status() == TransactionStatus.SUCCEEDED)
                .orElseThrow(() -> new IllegalStateException("no succeeded transaction " + transactionId));
        return entry(charged.id(), "Charge " + charged.id(), charged.currency(), charged.amount(), "debit", "credit",
                Map.of("transaction_id", charged.id(), "user_id", charged.userId()));
    }

    private LedgerClient.EntryCreate refundEntry(String refundId) {
        Refund refund = refunds.findById(refundId)
                .filter(r -> r.status() == RefundStatus.SUCCEEDED)
                .orElseThrow(() -> new IllegalStateException("no succeeded refund " + refundId));
        return entry(refund.id(), "Refund " + refund.id() + " of " + refund.transactionId(), refund.currency(), refund.amount(),
                "credit", "debit", Map.of("refund_id", refund.id(), "transaction_id", refund.transactionId(), "user_id", refund.userId()));
    }

    private LedgerClient.EntryCreate entry(String reference, String description, String currency, long amount,
            String clearingSide, String settlementSide, Map<String, String> metadata) {
        String clearing = accounts.accountFor(currency, LedgerAccounts.Role.CLEARING);
        String settlement = accounts.accountFor(currency, LedgerAccounts.Role.MERCHANT_SETTLEMENT);
        return new LedgerClient.EntryCreate(reference, description, List.of(
                new LedgerClient.Line(clearing, clearingSide, amount),
                new LedgerClient.Line(settlement, settlementSide, amount)), metadata);
    }
}
