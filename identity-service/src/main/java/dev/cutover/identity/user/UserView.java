package dev.cutover.identity.user;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** A user as the API shows it; {@code full_name} is {@code null} once erased. */
@ApiResource
@Schema(name = "User")
record UserView(
        String id,
        @Schema(format = "email") String email,
        @Nullable String fullName,
        String country,
        KycStatus kycStatus,
        Instant createdAt) {

    /** Response bodies reach debug logs through this; it names the user, never their data. */
    @Override
    public String toString() {
        return "User[" + id + ", " + kycStatus + "]";
    }
}
