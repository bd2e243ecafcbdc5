/** One circuit breaker per upstream, and the rule for when a request may fall back to legacy. */
package dev.cutover.gateway.resilience;
