package dev.cutover.identity.verification;

import dev.cutover.contracts.auth.Scope;
import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.identity.audit.AuditTrail;
import dev.cutover.identity.kyc.KycSubmissions;
import dev.cutover.identity.user.KycStatus;
import dev.cutover.identity.user.UserAccounts;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Opens verifications for users and records the decisions of ops, moving the verification, the KYC record
 * and the user's {@code kyc_status} together in one transaction. Locks are taken user first, then record,
 * in both directions, so a request and a decision never deadlock.
 */
@Service
class VerificationDesk {

    private final Verifications verifications;
    private final UserAccounts users;
    private final KycSubmissions kyc;
    private final AuditTrail audit;
    private final Clock clock;

    VerificationDesk(Verifications verifications, UserAccounts users, KycSubmissions kyc, AuditTrail audit, Clock clock) {
        this.verifications = verifications;
        this.users = users;
        this.kyc = kyc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Runs inside the idempotency transaction of the request. */
    @Transactional(propagation = Propagation.MANDATORY)
    VerificationView request(String userId, VerificationCreate request) {
        users.verificationRequested(userId);
        kyc.verificationRequested(userId, request.kycRecordId());
        Verification verification = verifications.save(Verification.request(IdPrefix.VERIFICATION.newId(),
                request.kycRecordId(), userId, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        audit.record(userId, "verification.requested", verification.id(), Map.of("kyc_record_id", request.kycRecordId()));
        return VerificationView.of(verification);
    }

    @Transactional
    VerificationView decide(Caller ops, String id, VerificationDecision decision) {
        Verification verification = verifications.lockById(id).orElseThrow(() -> ProblemException.notFound("verification"));
        verification.decide(decision.decision(), decision.reason(), ops.subject(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        KycStatus status = users.verificationDecided(verification.userId(), decision.decision().approves(), ops.subject());
        kyc.verificationDecided(verification.kycRecordId(), decision.decision().approves());
        audit.record(ops.subject(), "verification.decided", verification.id(),
                Map.of("decision", decision.decision().wire(), "user_id", verification.userId(), "kyc_status", status.wire()));
        return VerificationView.of(verification);
    }

    @Transactional(readOnly = true)
    VerificationView view(Caller caller, String id) {
        return verifications.findById(id)
                .filter(v -> caller.has(Scope.OPS) || (caller.has(Scope.USER) && v.isOwnedBy(caller.subject())))
                .map(VerificationView::of)
                .orElseThrow(() -> ProblemException.notFound("verification"));
    }
}
