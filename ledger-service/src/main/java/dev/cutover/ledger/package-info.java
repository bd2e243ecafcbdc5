/** The ledger service: every movement of money as a balanced, immutable journal entry. */
package dev.cutover.ledger;
