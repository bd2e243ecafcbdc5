package dev.cutover.payments.method;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/** A payment method as the API shows it. */
@ApiResource
@Schema(name = "PaymentMethod")
record PaymentMethodView(String id, String type, String brand, String last4, int expMonth, int expYear, Instant createdAt) {

    static PaymentMethodView of(PaymentMethod method) {
        return new PaymentMethodView(method.id(), method.type(), method.brand(), method.last4(), method.expMonth(),
                method.expYear(), method.createdAt());
    }
}
