package dev.cutover.payments.task;

/** The names of the service's tasks; stored with every scheduled instance, so never renamed. */
public final class TaskNames {

    public static final String PROCESS_TRANSACTION = "process-transaction";
    public static final String PROCESS_REFUND = "process-refund";
    public static final String POST_TO_LEDGER = "post-to-ledger";

    private TaskNames() {
    }
}
