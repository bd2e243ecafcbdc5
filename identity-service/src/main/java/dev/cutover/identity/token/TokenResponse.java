package dev.cutover.identity.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** A successful token response; {@code refresh_token} is left out for client credentials. */
@Schema(name = "TokenResponse")
record TokenResponse(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "RS256 JWT.") String accessToken,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "Bearer") String tokenType,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Lifetime of the access token in seconds.") int expiresIn,
        @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String scope) {

    static final String BEARER = "Bearer";

    /** Responses reach debug logs through this: no tokens. */
    @Override
    public String toString() {
        return "TokenResponse[" + scope + ", redacted]";
    }
}
