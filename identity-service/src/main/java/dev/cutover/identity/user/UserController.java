package dev.cutover.identity.user;

import dev.cutover.contracts.ApiContract;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.kit.idempotency.IdempotentRequests;
import dev.cutover.kit.openapi.ErrorResponses;
import dev.cutover.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
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
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiContract.IDENTITY)
class UserController {

    /**
     * Sign-ups have no caller yet, so their Idempotency-Keys share one scope (ADR 0027): clients must use
     * random keys (UUIDs), as the IETF draft recommends anyway.
     */
    static final String SIGN_UP_KEY_SCOPE = "anonymous:sign-up";

    private final UserAccounts accounts;
    private final IdempotentRequests idempotent;

    UserController(UserAccounts accounts, IdempotentRequests idempotent) {
        this.accounts = accounts;
        this.idempotent = idempotent;
    }

    @PostMapping("/api/v1/users")
    @SecurityRequirements
    @Operation(operationId = "createUser", summary = "Sign up a new user")
    @ApiResponse(responseCode = "201", description = "User created.")
    @ErrorResponses({400, 409, 422})
    ResponseEntity<UserView> signUp(
            @Parameter(schema = @Schema(minLength = 1, maxLength = CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH))
            @RequestHeader(name = CutoverHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody UserCreate request) {
        String passwordHash = accounts.hashPassword(request.password());
        ResponseEntity<CreatedUser> created = idempotent.execute(SIGN_UP_KEY_SCOPE, idempotencyKey,
                accounts.fingerprint(request), HttpStatus.CREATED, CreatedUser.class,
                () -> new CreatedUser(accounts.signUp(request, passwordHash)));
        return ResponseEntity.status(created.getStatusCode())
                .headers(created.getHeaders())
                .body(accounts.view(created.getBody().id()));
    }

    @GetMapping("/api/v1/users/me")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "getCurrentUser", summary = "Get the calling user")
    @ErrorResponses({401, 403, 404})
    UserView me(Caller caller) {
        return accounts.view(caller, caller.subject());
    }

    @GetMapping("/api/v1/users/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "getUser", summary = "Get a user")
    @ErrorResponses({401, 403, 404})
    UserView get(Caller caller, @PathVariable String id) {
        return accounts.view(caller, id);
    }

    @GetMapping("/internal/v1/users/{id}/kyc-status")
    @PreAuthorize("hasAuthority('SCOPE_service')")
    @Operation(operationId = "getKycStatus", summary = "Get a user's KYC status (internal)")
    @ErrorResponses({401, 403, 404})
    KycStatusView kycStatus(@PathVariable String id) {
        return accounts.kycStatus(id);
    }
}
