package dev.cutover.payments.kyc;

/** A user's KYC status as identity reports it; only {@link #VERIFIED} may pay. */
public enum KycStatus {
    UNVERIFIED, PENDING, VERIFIED, REJECTED;

    static KycStatus fromWire(String value) {
        return switch (value == null ? "" : value) {
            case "pending" -> PENDING;
            case "verified" -> VERIFIED;
            case "rejected" -> REJECTED;
            default -> UNVERIFIED;
        };
    }
}
