/** The integrity check: recomputes every total from the entries and reports what does not match. */
package dev.cutover.ledger.integrity;
