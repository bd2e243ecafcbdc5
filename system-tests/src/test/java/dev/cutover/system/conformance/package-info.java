/**
 * One conformance suite of the public API v1, written once against the contract and run against every side a client
 * can reach: the new services directly, the legacy monolith directly, and each through a gateway (weights 100 and 0).
 */
package dev.cutover.system.conformance;
