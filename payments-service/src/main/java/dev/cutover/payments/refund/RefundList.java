package dev.cutover.payments.refund;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of refunds, newest first. */
@ApiResource
@Schema(name = "RefundList")
record RefundList(List<RefundView> data, boolean hasMore) {
}
