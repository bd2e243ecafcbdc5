package dev.cutover.ledger.integrity;

import dev.cutover.contracts.ApiContract;
import dev.cutover.kit.openapi.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiContract.LEDGER)
class IntegrityController {

    private final IntegrityCheck check;

    IntegrityController(IntegrityCheck check) {
        this.check = check;
    }

    @GetMapping("/api/v1/ledger/integrity")
    @PreAuthorize("hasAuthority('SCOPE_ops')")
    @Operation(operationId = "checkLedgerIntegrity", summary = "Check the ledger's integrity")
    @ErrorResponses({401, 403})
    IntegrityReport integrity() {
        return check.run();
    }
}
