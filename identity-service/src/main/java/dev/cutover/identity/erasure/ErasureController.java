package dev.cutover.identity.erasure;

import dev.cutover.contracts.ApiContract;
import dev.cutover.kit.openapi.ErrorResponses;
import dev.cutover.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiContract.IDENTITY)
class ErasureController {

    private final PiiErasure erasure;

    ErasureController(PiiErasure erasure) {
        this.erasure = erasure;
    }

    @DeleteMapping("/api/v1/users/{id}/pii")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAnyAuthority('SCOPE_user', 'SCOPE_ops')")
    @Operation(operationId = "erasePii", summary = "Erase a user's personal data")
    @ApiResponse(responseCode = "204", description = "Personal data erased (or already erased).")
    @ErrorResponses({401, 403, 404})
    void erase(Caller caller, @PathVariable String id) {
        erasure.erase(caller, id);
    }
}
