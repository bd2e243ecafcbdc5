package dev.cutover.payments.task;

/** Work on one subject (a transaction or refund id); throws to be retried later. */
public interface TaskHandler {

    /** The task's stable name, stored with every scheduled instance. */
    String taskName();

    void handle(String subjectId);
}
