package dev.cutover.identity.kyc;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** {@code submitted → pending → verified | rejected}: a record follows the verification made of it. */
public enum KycRecordStatus {

    @JsonProperty("submitted") SUBMITTED,
    @JsonProperty("pending") PENDING,
    @JsonProperty("verified") VERIFIED,
    @JsonProperty("rejected") REJECTED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter
    public static final class Column implements AttributeConverter<KycRecordStatus, String> {
        @Override
        public String convertToDatabaseColumn(KycRecordStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public KycRecordStatus convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
