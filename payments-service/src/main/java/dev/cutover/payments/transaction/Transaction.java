package dev.cutover.payments.transaction;

import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.kit.persistence.AssignedId;
import dev.cutover.kit.persistence.MetadataColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/** A charge to one payment method. It guards its own state machine and what may be refunded of it. */
@Entity
@Table(name = "transactions")
public class Transaction extends AssignedId {

    @Id
    private String id;

    @Column(name = "user_id")
    private String userId;

    private long amount;

    private String currency;

    @Column(name = "payment_method_id")
    private String paymentMethodId;

    private String description;

    @Convert(converter = MetadataColumn.class)
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private Map<String, String> metadata;

    @Convert(converter = StatusColumn.class)
    private TransactionStatus status;

    @Column(name = "failure_code")
    private String failureCode;

    @Column(name = "amount_refunded")
    private long amountRefunded;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Transaction() {
        // for JPA
    }

    private Transaction(String userId, long amount, String currency, String paymentMethodId, String description,
            Map<String, String> metadata, Instant now) {
        this.id = IdPrefix.TRANSACTION.newId();
        this.userId = Objects.requireNonNull(userId, "userId");
        this.amount = amount;
        this.currency = Objects.requireNonNull(currency, "currency");
        this.paymentMethodId = Objects.requireNonNull(paymentMethodId, "paymentMethodId");
        this.description = description;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        this.status = TransactionStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    static Transaction open(String userId, long amount, String currency, String paymentMethodId, String description,
            Map<String, String> metadata, Instant now) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amounts are positive");
        }
        return new Transaction(userId, amount, currency, paymentMethodId, description, metadata, now);
    }

    /** The processor charged the card. */
    void markSucceeded(Instant now) {
        requirePending(TransactionStatus.SUCCEEDED);
        status = TransactionStatus.SUCCEEDED;
        updatedAt = now;
    }

    /** The processor refused the charge. */
    void fail(String code, Instant now) {
        requirePending(TransactionStatus.FAILED);
        status = TransactionStatus.FAILED;
        failureCode = Objects.requireNonNull(code, "code");
        updatedAt = now;
    }

    /** A refund of {@code refunded} succeeded. */
    public void recordRefund(long refunded, Instant now) {
        if (status != TransactionStatus.SUCCEEDED) {
            throw new IllegalStateException("only succeeded transactions are refunded");
        }
        if (refunded <= 0 || refunded > amount - amountRefunded) {
            throw new IllegalStateException("refunds cannot exceed the transaction amount");
        }
        amountRefunded += refunded;
        updatedAt = now;
    }

    private void requirePending(TransactionStatus next) {
        if (status != TransactionStatus.PENDING) {
            throw new IllegalStateException("transaction " + id + " is " + status.wire() + " and cannot become " + next.wire());
        }
    }

    public boolean isRefundable() {
        return status == TransactionStatus.SUCCEEDED;
    }

    public boolean isOwnedBy(String subject) {
        return userId.equals(subject);
    }

    @Override
    public String id() {
        return id;
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

    public String paymentMethodId() {
        return paymentMethodId;
    }

    public String description() {
        return description;
    }

    public Map<String, String> metadata() {
        return metadata == null ? Map.of() : Collections.unmodifiableMap(metadata);
    }

    public TransactionStatus status() {
        return status;
    }

    public String failureCode() {
        return failureCode;
    }

    public long amountRefunded() {
        return amountRefunded;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
