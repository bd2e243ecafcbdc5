package dev.cutover.identity.token;

import dev.cutover.kit.openapi.ApiRequest;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code POST /api/v1/auth/token}, JSON or form-encoded alike. Which fields a grant needs is
 * checked by {@link Grants}; {@link #toString()} shows none of the credentials.
 */
@ApiRequest
record TokenRequest(
        @NotNull GrantType grantType,
        String email,
        String password,
        String refreshToken,
        String clientId,
        String clientSecret,
        String scope) {

    @Override
    public String toString() {
        return "TokenRequest[" + (grantType == null ? "no grant" : grantType.wire()) + ", redacted]";
    }
}
