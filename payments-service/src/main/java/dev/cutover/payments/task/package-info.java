/**
 * The task queue (db-scheduler on this service's schema): work scheduled in the same database
 * transaction as the state change that calls for it, run after commit, retried with backoff until it
 * succeeds, surviving restarts. Handlers must be idempotent: a task may run more than once.
 */
package dev.cutover.payments.task;
