package dev.cutover.payments.kyc;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.problem.RetryAfterProblem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Lets only KYC-verified users pay; answers 503 when identity cannot tell. */
@Component
public class KycGate {

    private static final Logger log = LoggerFactory.getLogger(KycGate.class);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final IdentityClient identity;

    KycGate(IdentityClient identity) {
        this.identity = identity;
    }

    /** Returns when {@code userId} is verified; otherwise 403 {@code kyc_required} or 503 {@code dependency_unavailable}. */
    public void requireVerified(String userId) {
        KycStatus status;
        try {
            status = identity.kycStatus(userId).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        } catch (ExecutionException | CompletionException failed) {
            throw unavailable(describe(failed.getCause()));
        } catch (CallNotPermittedException | IdentityUnavailable failed) {
            throw unavailable(describe(failed));
        }
        if (status != KycStatus.VERIFIED) {
            throw new ProblemException(ErrorCode.KYC_REQUIRED, "Payments need a verified identity (KYC).");
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof CallNotPermittedException) {
            return "circuit breaker open";
        }
        if (cause instanceof TimeoutException) {
            return "timed out";
        }
        return cause == null ? "unknown" : cause.getClass().getSimpleName();
    }

    private static ProblemException unavailable(String why) {
        log.warn("KYC status unavailable: {}", why);
        return new RetryAfterProblem(ErrorCode.DEPENDENCY_UNAVAILABLE,
                "Identity verification is unavailable right now; nothing was stored. Retry later.", RETRY_AFTER);
    }
}
