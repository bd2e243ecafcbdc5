package dev.cutover.identity.verification;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/** What ops decide about a pending verification. */
public enum Decision {

    @JsonProperty("approved") APPROVED(VerificationStatus.APPROVED),
    @JsonProperty("rejected") REJECTED(VerificationStatus.REJECTED);

    private final VerificationStatus outcome;

    Decision(VerificationStatus outcome) {
        this.outcome = outcome;
    }

    VerificationStatus outcome() {
        return outcome;
    }

    boolean approves() {
        return this == APPROVED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
