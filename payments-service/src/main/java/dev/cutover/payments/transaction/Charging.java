package dev.cutover.payments.transaction;

import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.security.Caller;
import dev.cutover.kit.web.PageQuery;
import dev.cutover.payments.audit.AuditTrail;
import dev.cutover.payments.method.PaymentMethod;
import dev.cutover.payments.method.Wallet;
import dev.cutover.payments.task.TaskNames;
import dev.cutover.payments.task.TaskQueue;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Opens transactions and finds them for a caller. Processing happens after the 201, in a task. */
@Service
public class Charging {

    private final Transactions transactions;
    private final Wallet wallet;
    private final AuditTrail audit;
    private final TaskQueue tasks;
    private final Clock clock;

    Charging(Transactions transactions, Wallet wallet, AuditTrail audit, TaskQueue tasks, Clock clock) {
        this.transactions = transactions;
        this.wallet = wallet;
        this.audit = audit;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Opens a pending transaction and schedules its processing, in the caller's database transaction. */
    @Transactional
    public Transaction open(String userId, TransactionCreate request) {
        PaymentMethod method = wallet.usableBy(userId, request.paymentMethodId());
        Transaction transaction = transactions.save(Transaction.open(userId, request.amount(), request.currency(), method.id(),
                request.description(), request.metadata(), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        audit.record(AuditTrail.Subject.TRANSACTION, transaction.id(), null, TransactionStatus.PENDING.wire(), userId, null);
        tasks.schedule(TaskNames.PROCESS_TRANSACTION, transaction.id());
        return transaction;
    }

    @Transactional(readOnly = true)
    public Transaction visibleTo(Caller caller, String id) {
        return transactions.findById(id)
                .filter(t -> caller.isPrivileged() || t.isOwnedBy(caller.subject()))
                .orElseThrow(() -> ProblemException.notFound("transaction"));
    }

    @Transactional(readOnly = true)
    public Page<Transaction> list(Caller caller, TransactionStatus status, PageQuery page) {
        String owner = caller.isPrivileged() ? null : caller.subject();
        Limit limit = Limit.of(page.fetchSize());
        List<Transaction> rows;
        if (page.startingAfter() == null) {
            rows = transactions.page(owner, status, limit);
        } else {
            Transaction cursor = transactions.findById(page.startingAfter())
                    .filter(t -> owner == null || t.isOwnedBy(owner))
                    .orElseThrow(() -> ProblemException.invalidField("starting_after", "is not a transaction of this list"));
            rows = transactions.pageBefore(owner, status, cursor.createdAt(), cursor.id(), limit);
        }
        return Page.fromLookahead(rows, page.limit());
    }
}
