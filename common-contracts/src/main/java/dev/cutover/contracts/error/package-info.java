/** Stable machine-readable error codes and the RFC 9457 problem types they map to. */
package dev.cutover.contracts.error;
