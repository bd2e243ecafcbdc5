/** The append-only audit trail of every transaction and refund state change. */
package dev.cutover.payments.audit;
