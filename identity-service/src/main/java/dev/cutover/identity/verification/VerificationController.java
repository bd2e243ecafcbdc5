package dev.cutover.identity.verification;

import dev.cutover.contracts.ApiContract;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.kit.idempotency.IdempotentRequests;
import dev.cutover.kit.openapi.ErrorResponses;
import dev.cutover.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/verifications")
@Tag(name = ApiContract.IDENTITY)
class VerificationController {

    private final VerificationDesk desk;
    private final IdempotentRequests idempotent;

    VerificationController(VerificationDesk desk, IdempotentRequests idempotent) {
        this.desk = desk;
        this.idempotent = idempotent;
    }

    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_user')")
    @Operation(operationId = "createVerification", summary = "Request verification of a KYC record")
    @ApiResponse(responseCode = "201", description = "Verification created.")
    @ErrorResponses({400, 401, 403, 404, 409, 422})
    ResponseEntity<VerificationView> request(Caller caller,
            @Parameter(schema = @Schema(minLength = 1, maxLength = CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH))
            @RequestHeader(name = CutoverHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody VerificationCreate request) {
        return idempotent.execute(caller.subject(), idempotencyKey, request, HttpStatus.CREATED, VerificationView.class,
                () -> desk.request(caller.subject(), request));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops')")
    @Operation(operationId = "getVerification", summary = "Get a verification")
    @ErrorResponses({401, 403, 404})
    VerificationView get(Caller caller, @PathVariable String id) {
        return desk.view(caller, id);
    }

    @PostMapping("/{id}/decision")
    @PreAuthorize("hasAuthority('SCOPE_ops')")
    @Operation(operationId = "decideVerification", summary = "Decide a pending verification")
    @ApiResponse(responseCode = "200", description = "The decided verification.")
    @ErrorResponses({400, 401, 403, 404, 409})
    VerificationView decide(Caller caller, @PathVariable String id, @Valid @RequestBody VerificationDecision decision) {
        return desk.decide(caller, id, decision);
    }
}
