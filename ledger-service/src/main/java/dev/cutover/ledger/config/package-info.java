/** Wiring: security rules, problem mapping. */
package dev.cutover.ledger.config;
