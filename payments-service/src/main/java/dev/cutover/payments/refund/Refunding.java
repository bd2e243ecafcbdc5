package dev.cutover.payments.refund;

import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.security.Caller;
import dev.cutover.kit.web.PageQuery;
import dev.cutover.payments.audit.AuditTrail;
import dev.cutover.payments.task.TaskNames;
import dev.cutover.payments.task.TaskQueue;
import dev.cutover.payments.transaction.Transaction;
import dev.cutover.payments.transaction.Transactions;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Requests refunds. The transaction's row is locked while the refundable amount is computed and the refund
 * inserted, so concurrent refunds of one transaction queue and each sees the others' reservations: the sum
 * of pending and succeeded refunds never exceeds the amount charged.
 */
@Service
public class Refunding {

    private final Refunds refunds;
    private final Transactions transactions;
    private final AuditTrail audit;
    private final TaskQueue tasks;
    private final Clock clock;

    Refunding(Refunds refunds, Transactions transactions, AuditTrail audit, TaskQueue tasks, Clock clock) {
        this.refunds = refunds;
        this.transactions = transactions;
        this.audit = audit;
        this.tasks = tasks;
        this.clock = clock;
    }

    @Transactional
    public Refund request(Caller caller, RefundCreate request) {
        Transaction transaction = transactions.lock(request.transactionId())
                .filter(t -> caller.isPrivileged() || t.isOwnedBy(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("transaction"));
        if (!transaction.isRefundable()) {
            throw new RefundFacts.TransactionNotRefundable(transaction.status().wire());
        }
        long refundable = transaction.amount() - refunds.reservedOf(transaction.id(), RefundStatus.FAILED);
        long amount = request.amount() != null ? request.amount() : refundable;
        if (amount <= 0 || amount > refundable) {
            throw new RefundFacts.RefundExceedsAmount(amount, refundable);
        }
        Refund refund = refunds.save(new Refund(transaction.id(), transaction.userId(), amount, transaction.currency(),
                request.reason(), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        audit.record(AuditTrail.Subject.REFUND, refund.id(), null, RefundStatus.PENDING.wire(), caller.subject(), null);
        tasks.schedule(TaskNames.PROCESS_REFUND, refund.id());
        return refund;
    }

    @Transactional(readOnly = true)
    public Refund visibleTo(Caller caller, String id) {
        return refunds.findById(id)
                .filter(r -> caller.isPrivileged() || r.isOwnedBy(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("refund"));
    }

    @Transactional(readOnly = true)
    public Page<Refund> list(Caller caller, String transactionId, PageQuery page) {
        String owner = caller.isPrivileged() ? null : caller.subject();
        Limit limit = Limit.of(page.fetchSize());
        List<Refund> rows;
        if (page.startingAfter() == null) {
            rows = refunds.page(owner, transactionId, limit);
        } else {
            Refund cursor = refunds.findById(page.startingAfter())
                    .filter(r -> owner == null || r.isOwnedBy(owner))
                    .orElseThrow(() -> ProblemException.invalidField("starting_after", "is not a refund of this list"));
            rows = refunds.pageBefore(owner, transactionId, cursor.createdAt(), cursor.id(), limit);
        }
        return Page.fromLookahead(rows, page.limit());
    }
}
