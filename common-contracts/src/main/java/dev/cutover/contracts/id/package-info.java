/** Opaque public identifiers with a type prefix ({@code txn_...}). */
package dev.cutover.contracts.id;
