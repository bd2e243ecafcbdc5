package dev.cutover.identity.kyc;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.cutover.identity.validation.CountryCode;
import dev.cutover.kit.openapi.ApiRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * The body of {@code POST /api/v1/kyc-records}. {@code issuing_country} is named explicitly: springdoc's
 * schema generator reads {@code issuingCountry()} as an "is" accessor and would lose the snake_case name.
 */
@ApiRequest
record KycRecordCreate(
        @NotNull DocumentType documentType,
        @NotNull
        @Size(min = DocumentNumbers.MIN_LENGTH, max = DocumentNumbers.MAX_LENGTH)
        @Pattern(regexp = DocumentNumbers.PATTERN,
                message = "must be 5 to 40 letters and digits, optionally separated by single spaces or dashes")
        String documentNumber,
        @JsonProperty("issuing_country") @NotNull @CountryCode String issuingCountry,
        @NotNull @JsonFormat(lenient = OptBoolean.FALSE) LocalDate expiresOn) {

    /** Request bodies reach debug logs through this: no document number. */
    @Override
    public String toString() {
        return "KycRecordCreate[" + documentType + ", redacted]";
    }
}
