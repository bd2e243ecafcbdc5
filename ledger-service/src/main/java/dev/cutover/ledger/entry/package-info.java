/** Journal entries: posting balanced, immutable entries exactly once per reference, and reversing them. */
package dev.cutover.ledger.entry;
