package dev.cutover.identity.crypto;

import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Lets at most {@code permits} password hashes run at once; the rest wait their turn. Argon2id takes 19 MiB
 * and a core's worth of work per hash, so more hashes at once than cores only piles those blocks up on the
 * heap: a burst of sign-ins then ended in multi-second full collections that stalled every other request
 * (token checks, KYC lookups) of the service. Waiting costs the same total time and bounds the memory.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;

    BoundedPasswordEncoder(PasswordEncoder delegate, int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("cutover.identity.passwords.max-concurrent-hashes must be at least 1");
        }
        this.delegate = delegate;
        this.permits = new Semaphore(permits, true);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> delegate.matches(rawPassword, encodedPassword));
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T bounded(Supplier<T> hashing) {
        try {
            permits.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", interrupted);
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }
}
