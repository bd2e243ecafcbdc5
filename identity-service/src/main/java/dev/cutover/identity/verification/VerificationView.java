package dev.cutover.identity.verification;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** A verification as the API shows it; {@code decided_at} and {@code reason} are {@code null} while pending. */
@ApiResource
@Schema(name = "Verification")
record VerificationView(
        String id,
        String kycRecordId,
        String userId,
        VerificationStatus status,
        Instant createdAt,
        @Nullable Instant decidedAt,
        @Nullable String reason) {

    static VerificationView of(Verification verification) {
        return new VerificationView(verification.id(), verification.kycRecordId(), verification.userId(),
                verification.status(), verification.createdAt(), verification.decidedAt(), verification.reason());
    }
}
