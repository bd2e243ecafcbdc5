package dev.cutover.payments.method;

import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.kit.persistence.AssignedId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A card a user may pay with. The vault holds the card number; this holds only the vault's token and
 * what may be shown (brand, last four, expiry).
 */
@Entity
@Table(name = "payment_methods")
public class PaymentMethod extends AssignedId {

    public static final String CARD = "card";

    @Id
    private String id;

    @Column(name = "user_id")
    private String userId;

    private String type;

    private String brand;

    private String last4;

    @Column(name = "exp_month")
    private int expMonth;

    @Column(name = "exp_year")
    private int expYear;

    @Column(name = "vault_token")
    private String vaultToken;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    protected PaymentMethod() {
        // for JPA
    }

    PaymentMethod(String id, String userId, CardVault.VaultedCard card, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.type = CARD;
        this.brand = card.brand();
        this.last4 = card.last4();
        this.expMonth = card.expMonth();
        this.expYear = card.expYear();
        this.vaultToken = card.token();
        this.createdAt = createdAt;
    }

    static PaymentMethod register(String userId, CardVault.VaultedCard card, Instant now) {
        Objects.requireNonNull(userId, "userId");
        return new PaymentMethod(IdPrefix.PAYMENT_METHOD.newId(), userId, card, now);
    }

    /** Detaches the method from its owner; transactions that used it keep their reference. */
    void delete(Instant now) {
        if (deletedAt == null) {
            deletedAt = now;
        }
    }

    /** Whether {@code subject} may see this method: its owner, or anyone for the shared test methods. */
    public boolean isVisibleTo(String subject) {
        return userId == null || userId.equals(subject);
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    @Override
    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public String type() {
        return type;
    }

    public String brand() {
        return brand;
    }

    public String last4() {
        return last4;
    }

    public int expMonth() {
        return expMonth;
    }

    public int expYear() {
        return expYear;
    }

    public String vaultToken() {
        return vaultToken;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
