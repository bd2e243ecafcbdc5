/** The identity service: users, access and refresh tokens, signing keys, KYC and encrypted personal data. */
package dev.cutover.identity;
