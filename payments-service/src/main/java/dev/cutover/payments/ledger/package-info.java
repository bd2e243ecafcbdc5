/**
 * Posting succeeded transactions and refunds into the ledger, exactly once: the posting is a task
 * scheduled in the same database transaction as the state change (the outbox), delivered with retries
 * and backoff behind the {@code ledger} circuit breaker, and the ledger's {@code reference} (the
 * transaction or refund id) makes a redelivery a harmless replay.
 */
package dev.cutover.payments.ledger;
