package dev.cutover.payments.transaction;

import dev.cutover.contracts.ApiContract;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.idempotency.IdempotentRequests;
import dev.cutover.kit.openapi.ErrorResponses;
import dev.cutover.kit.security.Caller;
import dev.cutover.kit.web.PageQuery;
import dev.cutover.payments.kyc.KycGate;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/transactions")
@Tag(name = ApiContract.PAYMENTS)
class TransactionController {

    private final Charging charging;
    private final KycGate kyc;
    private final IdempotentRequests idempotent;

    TransactionController(Charging charging, KycGate kyc, IdempotentRequests idempotent) {
        this.charging = charging;
        this.kyc = kyc;
        this.idempotent = idempotent;
    }

    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_user')")
    @Operation(operationId = "createTransaction", summary = "Create a payment transaction")
    @ApiResponse(responseCode = "201", description = "Transaction created, pending.")
    @ErrorResponses({400, 401, 403, 404, 409, 422, 503})
    ResponseEntity<TransactionView> create(Caller caller,
            @Parameter(schema = @Schema(minLength = 1, maxLength = CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH))
            @RequestHeader(name = CutoverHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody TransactionCreate request) {
        String key = IdempotentRequests.keyFrom(idempotencyKey, request.idempotencyKey());
        return idempotent.execute(caller.subject(), key, request.fingerprint(), HttpStatus.CREATED, TransactionView.class,
                () -> kyc.requireVerified(caller.subject()),
                () -> TransactionView.of(charging.open(caller.subject(), request)));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops')")
    @Operation(operationId = "getTransaction", summary = "Get a transaction")
    @ErrorResponses({401, 403, 404})
    TransactionView get(Caller caller, @PathVariable String id) {
        return TransactionView.of(charging.visibleTo(caller, id));
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops')")
    @Operation(operationId = "listTransactions", summary = "List transactions")
    @ErrorResponses({400, 401, 403})
    TransactionList list(Caller caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @Parameter(schema = @Schema(allowableValues = {"pending", "succeeded", "failed"}))
            @RequestParam(required = false) String status) {
        Page<Transaction> page = charging.list(caller, TransactionStatus.fromQuery(status), PageQuery.of(limit, startingAfter));
        return new TransactionList(page.map(TransactionView::of).data(), page.hasMore());
    }
}
