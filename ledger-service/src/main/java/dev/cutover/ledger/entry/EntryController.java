package dev.cutover.ledger.entry;

import dev.cutover.contracts.ApiContract;
import dev.cutover.contracts.http.CutoverHeaders;
import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.openapi.ErrorResponses;
import dev.cutover.kit.security.Caller;
import dev.cutover.kit.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiContract.LEDGER)
class EntryController {

    private final Posting posting;
    private final Journal journal;

    EntryController(Posting posting, Journal journal) {
        this.posting = posting;
        this.journal = journal;
    }

    @PostMapping("/api/v1/entries")
    @PreAuthorize("hasAnyAuthority('SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "postEntry", summary = "Post a balanced journal entry")
    @ApiResponse(responseCode = "201", description = "Entry posted, or the entry of this reference replayed.")
    @ErrorResponses({400, 401, 403, 404, 409, 422})
    ResponseEntity<EntryView> post(@Valid @RequestBody EntryCreate request) {
        Posting.Posted posted = posting.post(request.toPosting());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.CREATED);
        if (posted.replayed()) {
            response.header(CutoverHeaders.IDEMPOTENT_REPLAYED, "true");
        }
        return response.body(EntryView.of(posted.entry()));
    }

    @PostMapping("/internal/v1/entries/batch")
    @PreAuthorize("hasAuthority('SCOPE_service')")
    @Operation(operationId = "postEntryBatch", summary = "Post a batch of journal entries (internal)")
    @ApiResponse(responseCode = "200", description = "One outcome per entry, in order.")
    @ErrorResponses({400, 401, 403})
    EntryBatchResult postBatch(@Valid @RequestBody EntryBatchCreate request) {
        return EntryBatchResult.of(posting.postAll(request.toPostings()));
    }

    @GetMapping("/api/v1/entries/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "getEntry", summary = "Get a journal entry")
    @ErrorResponses({401, 403, 404})
    EntryView get(Caller caller, @PathVariable String id) {
        return journal.visibleTo(caller, id);
    }

    @PostMapping("/api/v1/entries/{id}/reversal")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyAuthority('SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "reverseEntry", summary = "Reverse a journal entry")
    @ApiResponse(responseCode = "201", description = "The mirror journal entry.")
    @ErrorResponses({401, 403, 404, 409, 422})
    EntryView reverse(@PathVariable String id) {
        return EntryView.of(posting.reverse(id));
    }

    @GetMapping("/api/v1/accounts/{id}/entries")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops', 'SCOPE_service')")
    @Operation(operationId = "listAccountEntries", summary = "List the journal entries touching an account")
    @ErrorResponses({400, 401, 403, 404})
    EntryList listForAccount(Caller caller, @PathVariable String id,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) Integer limit,
            @RequestParam(name = "starting_after", required = false) String startingAfter) {
        Page<EntryView> page = journal.touching(caller, id, PageQuery.of(limit, startingAfter));
        return new EntryList(page.data(), page.hasMore());
    }
}
