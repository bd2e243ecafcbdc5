/** KYC records: identity documents, their numbers encrypted and shown masked, and their verification status. */
package dev.cutover.identity.kyc;
