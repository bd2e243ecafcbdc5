/** Balances: now from the running totals, at a past instant from the fold of the entries. */
package dev.cutover.ledger.balance;
