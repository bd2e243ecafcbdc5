package dev.cutover.identity.user;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;
import dev.cutover.identity.validation.CountryCode;
import dev.cutover.kit.openapi.ApiRequest;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * The body of {@code POST /api/v1/users}. The password is capped at 128 characters so hashing cost stays
 * bounded; the date of birth must be a plain {@code yyyy-MM-dd} (not lenient: a timestamp is refused, not
 * truncated). {@link #toString()} shows none of it: request bodies reach debug logs through it.
 */
@ApiRequest
record UserCreate(
        @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String email,
        @NotNull @Size(min = 12, max = 128) String password,
        @NotBlank @Size(max = 200) String fullName,
        @NotNull @CountryCode String country,
        @NotNull @PlausibleBirthDate @JsonFormat(lenient = OptBoolean.FALSE) LocalDate dateOfBirth) {

    @Override
    public String toString() {
        return "UserCreate[redacted]";
    }
}
