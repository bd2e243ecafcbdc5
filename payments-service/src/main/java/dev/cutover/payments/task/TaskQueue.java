package dev.cutover.payments.task;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;

/** Schedules tasks inside the caller's database transaction and nudges the scheduler once it commits. */
public class TaskQueue {

    private final SchedulerClient transactional;
    private final ObjectProvider<Scheduler> scheduler;
    private final Clock clock;

    /** The scheduler is looked up lazily: it runs the handlers, and the handlers schedule through this queue. */
    TaskQueue(SchedulerClient transactional, ObjectProvider<Scheduler> scheduler, Clock clock) {
        this.transactional = transactional;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * Schedules the task named {@code taskName} (see {@link TaskNames}) for {@code subjectId} now, as part
     * of the current transaction: if that rolls back, the task was never scheduled; if it commits, the task
     * runs at least once.
     */
    public void schedule(String taskName, String subjectId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("tasks are scheduled inside the transaction that calls for them");
        }
        transactional.scheduleIfNotExists(new TaskInstance<Void>(taskName, subjectId), clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                scheduler.getObject().triggerCheckForDueExecutions();
            }
        });
    }
}
