package dev.cutover.identity.signingkey;

import dev.cutover.kit.security.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rotation on demand for ops, e.g. after a suspected key compromise. Internal (never routed by the
 * gateway) and not part of the public API description.
 */
@RestController
@Hidden
class KeyRotationController {

    private final KeyRing keyRing;

    KeyRotationController(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @PostMapping("/internal/v1/signing-keys/rotation")
    @PreAuthorize("hasAuthority('SCOPE_ops')")
    KeyRing.Rotation rotate(Caller caller) {
        return keyRing.rotate(caller.subject());
    }
}
