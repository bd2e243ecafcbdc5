package dev.cutover.identity.token;

import dev.cutover.contracts.ApiContract;
import dev.cutover.kit.openapi.ErrorResponses;
import dev.cutover.kit.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = ApiContract.IDENTITY)
class TokenController {

    private final Grants grants;

    TokenController(Grants grants) {
        this.grants = grants;
    }

    /**
     * JSON or form-encoded, the same fields either way ({@link TokenRequestForms} binds the form). The
     * client address for throttling is the request's remote address as resolved from trusted proxy headers
     * ({@code server.forward-headers-strategy}).
     */
    @PostMapping(path = "/api/v1/auth/token",
            consumes = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    @SecurityRequirements
    @Operation(operationId = "issueToken", summary = "Issue an access token",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TokenRequest.class)),
                @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE, schema = @Schema(implementation = TokenRequest.class))}))
    @ApiResponse(responseCode = "200", description = "Token issued.")
    @ErrorResponses({400, 401, 429})
    ResponseEntity<TokenResponse> issue(@Valid @RequestBody TokenRequest request, HttpServletRequest http) {
        if (http.getQueryString() != null) {
            // Credentials in a URL end up in access logs and browser histories (RFC 6749 §3.2).
            throw ProblemException.invalidField("query", "credentials must be sent in the body, not the query string");
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(grants.issue(request, http.getRemoteAddr()));
    }
}
