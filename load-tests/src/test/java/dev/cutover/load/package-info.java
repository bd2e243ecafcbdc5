/**
 * Gatling simulations of the public API v1 (open model: arrival rates, never closed loops), the set-up they
 * need (verified customers, payment methods, ledger accounts) and the interleaved windows ./bench reads.
 */
package dev.cutover.load;
