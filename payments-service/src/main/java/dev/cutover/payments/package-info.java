/** The payments service: charges and refunds, processed after the 201 and posted exactly once into the ledger. */
package dev.cutover.payments;
