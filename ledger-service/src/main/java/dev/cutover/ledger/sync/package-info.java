/** The ledger's change streams with the legacy monolith: accounts, and whole journal entries through the export tables. */
package dev.cutover.ledger.sync;
