package dev.cutover.identity.verification;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** {@code pending → approved | rejected}, and nothing after that. */
public enum VerificationStatus {

    @JsonProperty("pending") PENDING,
    @JsonProperty("approved") APPROVED,
    @JsonProperty("rejected") REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter
    public static final class Column implements AttributeConverter<VerificationStatus, String> {
        @Override
        public String convertToDatabaseColumn(VerificationStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public VerificationStatus convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
