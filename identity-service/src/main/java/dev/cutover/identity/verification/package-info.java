/** Verifications: a user asks for one of their KYC records to be checked, ops decide once, statuses follow. */
package dev.cutover.identity.verification;
