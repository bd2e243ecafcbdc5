package dev.cutover.identity.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** Where a user stands in KYC: {@code unverified → pending → verified | rejected}, and {@code rejected → pending} again. */
public enum KycStatus {

    @JsonProperty("unverified") UNVERIFIED,
    @JsonProperty("pending") PENDING,
    @JsonProperty("verified") VERIFIED,
    @JsonProperty("rejected") REJECTED;

    /** Whether a new verification may be requested: only while none is pending and none has succeeded. */
    public boolean allowsNewVerification() {
        return this == UNVERIFIED || this == REJECTED;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Stores the status as its wire value, which the schema's CHECK constraint expects. */
    @Converter
    public static final class Column implements AttributeConverter<KycStatus, String> {
        @Override
        public String convertToDatabaseColumn(KycStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public KycStatus convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
