package dev.cutover.identity.kyc;

import java.time.LocalDate;

/** What identifies a submission for {@code Idempotency-Key} purposes; the document number only as a keyed digest. */
record KycFingerprint(DocumentType documentType, String issuingCountry, LocalDate expiresOn, String documentNumber) {
}
