package dev.cutover.payments.method;

import dev.cutover.contracts.ApiContract;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.idempotency.IdempotentRequests;
import dev.cutover.kit.openapi.ErrorResponses;
import dev.cutover.kit.security.Caller;
import dev.cutover.kit.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payment-methods")
@Tag(name = ApiContract.PAYMENTS)
class PaymentMethodController {

    private final Wallet wallet;
    private final IdempotentRequests idempotent;

    PaymentMethodController(Wallet wallet, IdempotentRequests idempotent) {
        this.wallet = wallet;
        this.idempotent = idempotent;
    }

    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_user')")
    @Operation(operationId = "createPaymentMethod", summary = "Add a card by its vault token")
    @ApiResponse(responseCode = "201", description = "Payment method created.")
    @ErrorResponses({400, 401, 403, 409, 422})
    ResponseEntity<PaymentMethodView> create(Caller caller,
            @Parameter(schema = @Schema(minLength = 1, maxLength = CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH))
            @RequestHeader(name = CutoverHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody PaymentMethodCreate request) {
        return idempotent.execute(caller.subject(), idempotencyKey, request, HttpStatus.CREATED, PaymentMethodView.class,
                () -> PaymentMethodView.of(wallet.register(caller.subject(), request.token())));
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_user')")
    @Operation(operationId = "listPaymentMethods", summary = "List the caller's payment methods")
    @ErrorResponses({400, 401, 403})
    PaymentMethodList list(Caller caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        Page<PaymentMethod> page = wallet.list(caller.subject(), PageQuery.of(limit, startingAfter));
        return new PaymentMethodList(page.map(PaymentMethodView::of).data(), page.hasMore());
    }

    @DeleteMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_user')")
    @Operation(operationId = "deletePaymentMethod", summary = "Delete one of the caller's payment methods")
    @ApiResponse(responseCode = "204", description = "Deleted.")
    @ErrorResponses({401, 403, 404})
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        wallet.delete(caller.subject(), id);
        return ResponseEntity.noContent().build();
    }
}
