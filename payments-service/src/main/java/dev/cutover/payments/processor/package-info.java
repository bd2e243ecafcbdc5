/** The card-processor port and the deterministic processor used in test mode. */
package dev.cutover.payments.processor;
