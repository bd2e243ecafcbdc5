package dev.cutover.identity.kyc;

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
@RequestMapping("/api/v1/kyc-records")
@Tag(name = ApiContract.IDENTITY)
class KycRecordController {

    private final KycSubmissions submissions;
    private final IdempotentRequests idempotent;

    KycRecordController(KycSubmissions submissions, IdempotentRequests idempotent) {
        this.submissions = submissions;
        this.idempotent = idempotent;
    }

    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_user')")
    @Operation(operationId = "createKycRecord", summary = "Submit a KYC document")
    @ApiResponse(responseCode = "201", description = "KYC record created.")
    @ErrorResponses({400, 401, 403, 409, 422})
    ResponseEntity<KycRecordView> submit(Caller caller,
            @Parameter(schema = @Schema(minLength = 1, maxLength = CutoverHeaders.IDEMPOTENCY_KEY_MAX_LENGTH))
            @RequestHeader(name = CutoverHeaders.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody KycRecordCreate request) {
        ResponseEntity<CreatedKycRecord> created = idempotent.execute(caller.subject(), idempotencyKey,
                submissions.fingerprint(request), HttpStatus.CREATED, CreatedKycRecord.class,
                () -> new CreatedKycRecord(submissions.submit(caller.subject(), request)));
        return ResponseEntity.status(created.getStatusCode())
                .headers(created.getHeaders())
                .body(submissions.view(caller, created.getBody().id()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops')")
    @Operation(operationId = "getKycRecord", summary = "Get a KYC record")
    @ErrorResponses({401, 403, 404})
    KycRecordView get(Caller caller, @PathVariable String id) {
        return submissions.view(caller, id);
    }
}
