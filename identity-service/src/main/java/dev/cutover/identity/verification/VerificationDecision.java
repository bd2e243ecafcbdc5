package dev.cutover.identity.verification;

import dev.cutover.kit.openapi.ApiRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/verifications/{id}/decision}. */
@ApiRequest
record VerificationDecision(@NotNull Decision decision, @NotBlank @Size(max = 500) String reason) {
}
