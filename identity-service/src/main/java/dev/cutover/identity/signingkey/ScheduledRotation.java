package dev.cutover.identity.signingkey;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Rotates the signing key when it is older than {@code cutover.identity.signing-keys.rotate-every}. */
@Component
class ScheduledRotation {

    private final KeyRing keyRing;

    ScheduledRotation(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Scheduled(fixedDelayString = "${cutover.identity.signing-keys.rotation-check:5m}",
            initialDelayString = "${cutover.identity.signing-keys.rotation-check:5m}")
    void rotateIfDue() {
        keyRing.rotateIfDue();
    }
}
