/** The identity domain's change streams with the legacy monolith: users, KYC records and verifications both ways. */
package dev.cutover.identity.sync;
