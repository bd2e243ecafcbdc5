/** Wiring: properties, security rules, problem mapping, HTTP clients to identity and the ledger. */
package dev.cutover.payments.config;
