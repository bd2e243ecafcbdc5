package dev.cutover.payments.method;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cutover.kit.openapi.ApiRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/payment-methods}: a vault token, never card data. */
@ApiRequest
record PaymentMethodCreate(@NotNull Type type, @NotBlank @Size(min = 1, max = 255) String token) {

    enum Type {
        @JsonProperty("card") CARD
    }
}
