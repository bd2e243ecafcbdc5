/** Refusing raw card data before anything reads, binds, logs or stores a request body. */
package dev.cutover.payments.carddata;
