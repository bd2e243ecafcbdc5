package dev.cutover.identity.verification;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to verify one KYC record. It is decided once, by ops: {@code pending → approved | rejected};
 * every other transition is refused here and, should code try anyway, by the database.
 */
@Entity
@Table(name = "verifications")
public class Verification {

    @Id
    private String id;

    @Column(name = "kyc_record_id")
    private String kycRecordId;

    @Column(name = "user_id")
    private String userId;

    @Convert(converter = VerificationStatus.Column.class)
    private VerificationStatus status;

    private String reason;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private Long version;

    protected Verification() {
        // for JPA
    }

    private Verification(String id, String kycRecordId, String userId, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.kycRecordId = Objects.requireNonNull(kycRecordId, "kycRecordId");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.status = VerificationStatus.PENDING;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    static Verification request(String id, String kycRecordId, String userId, Instant now) {
        return new Verification(id, kycRecordId, userId, now);
    }

    /** {@code pending → approved | rejected}, once. */
    void decide(Decision decision, String reason, String decidedBy, Instant now) {
        Objects.requireNonNull(decision, "decision");
        if (status != VerificationStatus.PENDING) {
            throw new VerificationAlreadyDecided(id, status);
        }
        this.status = decision.outcome();
        this.reason = Objects.requireNonNull(reason, "reason");
        this.decidedBy = Objects.requireNonNull(decidedBy, "decidedBy");
        this.decidedAt = Objects.requireNonNull(now, "now");
    }

    boolean isOwnedBy(String subject) {
        return userId.equals(subject);
    }

    public String id() {
        return id;
    }

    public String kycRecordId() {
        return kycRecordId;
    }

    public String userId() {
        return userId;
    }

    public VerificationStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
