/** The audit trail: who changed which user, record, key or family, and when; never the personal data itself. */
package dev.cutover.identity.audit;
