package dev.cutover.identity.user;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

/** What payments asks before it takes a user's money. */
@ApiResource
@Schema(name = "KycStatus")
record KycStatusView(String userId, KycStatus kycStatus) {
}
