package dev.cutover.identity.kyc;

/** What an idempotent submission stores as its outcome: the id alone, the response is rendered on every reply. */
record CreatedKycRecord(String id) {
}
