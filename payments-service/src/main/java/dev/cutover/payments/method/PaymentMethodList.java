package dev.cutover.payments.method;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of payment methods, newest first. */
@ApiResource
@Schema(name = "PaymentMethodList")
record PaymentMethodList(List<PaymentMethodView> data, boolean hasMore) {
}
