/** Payment methods: cards held by the card vault, referred to here by token, brand and last four digits. */
package dev.cutover.payments.method;
