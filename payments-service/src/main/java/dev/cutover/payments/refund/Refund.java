package dev.cutover.payments.refund;

import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.kit.persistence.AssignedId;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/** Money going back to the card of a succeeded transaction. */
@Entity
@Table(name = "refunds")
public class Refund extends AssignedId {

    @Id
    private String id;

    @Column(name = "transaction_id")
    private String transactionId;

    @Column(name = "user_id")
    private String userId;

    private long amount;

    private String currency;

    @Convert(converter = StatusColumn.class)
    private RefundStatus status;

    private String reason;

    @Column(name = "failure_code")
    private String failureCode;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Refund() {
        // for JPA
    }

    Refund(String transactionId, String userId, long amount, String currency, String reason, Instant now) {
        if (amount <= 0) {
            throw new IllegalArgumentException("refund amounts are positive");
        }
        this.id = IdPrefix.REFUND.newId();
        this.transactionId = Objects.requireNonNull(transactionId);
        this.userId = Objects.requireNonNull(userId);
        this.amount = amount;
        this.currency = Objects.requireNonNull(currency);
        this.reason = reason;
        this.status = RefundStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void succeed(Instant now) {
        requirePending();
        status = RefundStatus.SUCCEEDED;
        updatedAt = now;
    }

    void fail(String code, Instant now) {
        requirePending();
        status = RefundStatus.FAILED;
        failureCode = Objects.requireNonNull(code);
        updatedAt = now;
    }

    private void requirePending() {
        if (status != RefundStatus.PENDING) {
            throw new IllegalStateException("refund " + id + " is already " + status.wire());
        }
    }

    public boolean isOwnedBy(String subject) {
        return userId.equals(subject);
    }

    @Override
    public String id() {
        return id;
    }

    public String transactionId() {
        return transactionId;
    }

    public String userId() {
        return userId;
    }

    public long amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public RefundStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public String failureCode() {
        return failureCode;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Converter
    static class StatusColumn implements AttributeConverter<RefundStatus, String> {
        @Override
        public String convertToDatabaseColumn(RefundStatus status) {
            return status == null ? null : status.wire();
        }

        @Override
        public RefundStatus convertToEntityAttribute(String value) {
            return value == null ? null : RefundStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
