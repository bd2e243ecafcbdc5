/** The payments domain's data moving both ways between the legacy monolith's tables and this service's (ADR 63). */
package dev.cutover.payments.sync;
