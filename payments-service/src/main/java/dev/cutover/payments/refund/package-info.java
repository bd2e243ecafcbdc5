/** Refunds: never more than was charged, also under concurrent requests; processed like charges. */
package dev.cutover.payments.refund;
