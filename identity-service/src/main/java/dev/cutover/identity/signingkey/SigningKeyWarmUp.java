package dev.cutover.identity.signingkey;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Loads the signing keys (creating the first one on a fresh database) before the service reports ready,
 * so neither the first token request nor the first JWKS fetch pays for it.
 */
@Component
class SigningKeyWarmUp implements ApplicationRunner {

    private final KeyRing keyRing;

    SigningKeyWarmUp(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Override
    public void run(ApplicationArguments args) {
        keyRing.publishedKeys();
    }
}
