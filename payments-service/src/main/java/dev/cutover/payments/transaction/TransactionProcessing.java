package dev.cutover.payments.transaction;

import dev.cutover.payments.audit.AuditTrail;
import dev.cutover.payments.method.Wallet;
import dev.cutover.payments.processor.CardProcessor;
import dev.cutover.payments.task.TaskHandler;
import dev.cutover.payments.task.TaskNames;
import dev.cutover.payments.task.TaskQueue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Charges a pending transaction with the card processor, then settles it and, when it succeeded, schedules
 * its ledger posting in the same database transaction. Running twice is harmless: a settled transaction
 * is left alone, and the processor is asked with the transaction id as its idempotency key.
 */
@Component
class TransactionProcessing implements TaskHandler {

    private final Transactions transactions;
    private final Wallet wallet;
    private final CardProcessor processor;
    private final AuditTrail audit;
    private final TaskQueue tasks;
    private final TransactionTemplate transaction;
    private final Clock clock;

    TransactionProcessing(Transactions transactions, Wallet wallet, CardProcessor processor, AuditTrail audit, TaskQueue tasks,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.transactions = transactions;
        this.wallet = wallet;
        this.processor = processor;
        this.audit = audit;
        this.tasks = tasks;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return TaskNames.PROCESS_TRANSACTION;
    }

    @Override
    public void handle(String transactionId) {
        Transaction pending = transactions.findById(transactionId).orElse(null);
        if (pending == null || pending.status() != TransactionStatus.PENDING) {
            return;
        }
        String vaultToken = wallet.vaultTokenOf(pending.paymentMethodId());
        CardProcessor.Outcome outcome = processor.charge(pending.id(), vaultToken, pending.amount(), pending.currency());
        transaction.executeWithoutResult(status -> {
            Transaction locked = transactions.lock(transactionId).orElseThrow();
            if (locked.status() != TransactionStatus.PENDING) {
                return;
            }
            var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (outcome.succeeded()) {
                locked.markSucceeded(now);
                tasks.schedule(TaskNames.POST_TO_LEDGER, locked.id());
            } else {
                locked.fail(outcome.failureCode(), now);
            }
            audit.record(AuditTrail.Subject.TRANSACTION, locked.id(), TransactionStatus.PENDING.wire(), locked.status().wire(),
                    AuditTrail.SYSTEM, locked.failureCode());
        });
    }
}
