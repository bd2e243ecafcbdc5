/** Asking identity whether a user passed KYC, through a circuit breaker, a time limiter and a bounded retry. */
package dev.cutover.payments.kyc;
