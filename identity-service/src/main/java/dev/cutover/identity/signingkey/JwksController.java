package dev.cutover.identity.signingkey;

import dev.cutover.contracts.ApiContract;
import dev.cutover.contracts.auth.TokenClaims;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

@RestController
@Tag(name = ApiContract.IDENTITY)
class JwksController {

    /** Short, so a verifier that meets an unknown kid right after a rotation gets the new key on its refetch. */
    private static final Duration MAX_AGE = Duration.ofSeconds(60);

    private final KeyRing keyRing;

    JwksController(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @GetMapping(path = TokenClaims.JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(operationId = "getJwks", summary = "Get the token signing keys")
    @ApiResponse(responseCode = "200", description = "The JSON Web Key Set.")
    ResponseEntity<JwksView> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic())
                .body(JwksView.of(keyRing.publishedKeys()));
    }
}
