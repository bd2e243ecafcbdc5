package dev.cutover.identity.token;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes expired refresh tokens and ended throttling windows; runs on every replica (deletes are idempotent). */
@Component
class TokenHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(TokenHousekeeping.class);

    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;

    TokenHousekeeping(RefreshTokens refreshTokens, LoginThrottle throttle) {
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
    }

    @Scheduled(fixedDelayString = "${cutover.identity.tokens.purge-interval:1h}",
            initialDelayString = "${cutover.identity.tokens.purge-interval:1h}")
    void purge() {
        int tokens = refreshTokens.purgeExpired();
        int windows = throttle.purgeEnded();
        if (tokens > 0 || windows > 0) {
            log.info("Purged {} expired refresh tokens and {} ended throttling windows", tokens, windows);
        }
    }
}
