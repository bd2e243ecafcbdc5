package dev.cutover.identity.kyc;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Locale;

/** The identity documents KYC accepts. */
public enum DocumentType {

    @JsonProperty("passport") PASSPORT,
    @JsonProperty("national_id") NATIONAL_ID,
    @JsonProperty("driving_licence") DRIVING_LICENCE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter
    public static final class Column implements AttributeConverter<DocumentType, String> {
        @Override
        public String convertToDatabaseColumn(DocumentType type) {
            return type == null ? null : type.wire();
        }

        @Override
        public DocumentType convertToEntityAttribute(String value) {
            return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
