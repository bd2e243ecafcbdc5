package dev.cutover.payments.refund;

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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/refunds")
@Tag(name = ApiContract.PAYMENTS)
class RefundController {

    private final Refunding refunding;
    private final IdempotentRequests idempotent;

    RefundController(Refunding refunding, IdempotentRequests idempotent) {
        this.refunding = refunding;
        this.idempotent = idempotent;
    }

    @PostMapping
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops')")
    @Operation(operationId = "createRefund", summary = "Refund a transaction")
    @ApiResponse(responseCode = "201", description = "Refund created, pending.")
    @ErrorResponses({400, 401, 403, 404, 409, 422})
    ResponseEntity<RefundView> create(Caller caller,
            @Parameter(schema = @Schema(minLength = 1, maxLength = CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH))
            @RequestHeader(name = CutoverHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody RefundCreate request) {
        String key = IdempotentRequests.keyFrom(idempotencyKey, request.idempotencyKey());
        return idempotent.execute(caller.subject(), key, request.fingerprint(), HttpStatus.CREATED, RefundView.class,
                () -> RefundView.of(refunding.request(caller, request)));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops')")
    @Operation(operationId = "getRefund", summary = "Get a refund")
    @ErrorResponses({401, 403, 404})
    RefundView get(Caller caller, @PathVariable String id) {
        return RefundView.of(refunding.visibleTo(caller, id));
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops')")
    @Operation(operationId = "listRefunds", summary = "List refunds")
    @ErrorResponses({400, 401, 403})
    RefundList list(Caller caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(name = "transaction_id", required = false) String transactionId) {
        Page<Refund> page = refunding.list(caller, transactionId, PageQuery.of(limit, startingAfter));
        return new RefundList(page.map(RefundView::of).data(), page.hasMore());
    }
}
