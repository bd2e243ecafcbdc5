package dev.cutover.payments.refund;

import dev.cutover.payments.audit.AuditTrail;
import dev.cutover.payments.processor.CardProcessor;
import dev.cutover.payments.task.TaskHandler;
import dev.cutover.payments.task.TaskNames;
import dev.cutover.payments.task.TaskQueue;
import dev.cutover.payments.transaction.Transactions;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Asks the processor to refund, then settles the refund, counts it on its transaction and schedules its posting. */
@Component
class RefundProcessing implements TaskHandler {

    static final String REFUND_FAILED = "refund_failed";

    private final Refunds refunds;
    private final Transactions transactions;
    private final CardProcessor processor;
    private final AuditTrail audit;
    private final TaskQueue tasks;
    private final TransactionTemplate transaction;
    private final Clock clock;

    RefundProcessing(Refunds refunds, Transactions transactions, CardProcessor processor, AuditTrail audit, TaskQueue tasks,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.refunds = refunds;
        this.transactions = transactions;
        this.processor = processor;
        this.audit = audit;
        this.tasks = tasks;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Override
    public String taskName() {
        return TaskNames.PROCESS_REFUND;
    }

    @Override
    public void handle(String refundId) {
        Refund pending = refunds.findById(refundId).orElse(null);
        if (pending == null || pending.status() != RefundStatus.PENDING) {
            return;
        }
        CardProcessor.Outcome outcome = processor.refund(pending.id(), pending.transactionId(), pending.amount(), pending.currency());
        transaction.executeWithoutResult(status -> {
            // lock order: transaction, then refund — the same as a refund request takes
            var charged = transactions.lock(pending.transactionId()).orElseThrow();
            Refund locked = refunds.lock(refundId).orElseThrow();
            if (locked.status() != RefundStatus.PENDING) {
                return;
            }
            var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            if (outcome.succeeded()) {
                locked.succeed(now);
                charged.recordRefund(locked.amount(), now);
                tasks.schedule(TaskNames.POST_TO_LEDGER, locked.id());
            } else {
                locked.fail(outcome.failureCode() == null ? REFUND_FAILED : outcome.failureCode(), now);
            }
            audit.record(AuditTrail.Subject.REFUND, locked.id(), RefundStatus.PENDING.wire(), locked.status().wire(),
                    AuditTrail.SYSTEM, locked.failureCode());
        });
    }
}
