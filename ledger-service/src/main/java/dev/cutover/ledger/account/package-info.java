/** Ledger accounts: their type, normal side, guard against going negative, and running totals. */
package dev.cutover.ledger.account;
