package dev.cutover.ledger.account;

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
@RequestMapping("/api/v1/accounts")
@Tag(name = ApiContract.LEDGER)
class AccountController {

    private final AccountDirectory directory;
    private final IdempotentRequests idempotent;

    AccountController(AccountDirectory directory, IdempotentRequests idempotent) {
        this.directory = directory;
        this.idempotent = idempotent;
    }

    @PostMapping
    @PreAuthorize("hasAnyAuthority('SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "createAccount", summary = "Open a ledger account")
    @ApiResponse(responseCode = "201", description = "Account created.")
    @ErrorResponses({400, 401, 403, 409, 422})
    ResponseEntity<AccountView> create(Caller caller,
            @Parameter(schema = @Schema(minLength = 1, maxLength = CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH))
            @RequestHeader(name = CutoverHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody AccountCreate request) {
        return idempotent.execute(caller.subject(), idempotencyKey, request, HttpStatus.CREATED, AccountView.class,
                () -> AccountView.of(directory.open(request)));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "getAccount", summary = "Get a ledger account")
    @ErrorResponses({401, 403, 404})
    AccountView get(Caller caller, @PathVariable String id) {
        return AccountView.of(directory.visibleTo(caller, id));
    }

    @GetMapping
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "listAccounts", summary = "List ledger accounts")
    @ErrorResponses({400, 401, 403})
    AccountList list(Caller caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter,
            @RequestParam(name = "owner_id", required = false) String ownerId) {
        Page<Account> page = directory.list(caller, ownerId, PageQuery.of(limit, startingAfter));
        return new AccountList(page.map(AccountView::of));
    }
}
