/** Transactions: charges created pending, processed after the 201, settled once and for all. */
package dev.cutover.payments.transaction;
