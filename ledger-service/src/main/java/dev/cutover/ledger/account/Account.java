package dev.cutover.ledger.account;

import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.kit.persistence.AssignedId;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * A ledger account. It keeps running totals of the lines posted to it, so its balance is known
 * without folding its history; the integrity check proves the totals equal that fold.
 */
@Entity
@Table(name = "accounts")
public class Account extends AssignedId {

    @Id
    private String id;

    private String name;

    private String currency;

    @Convert(converter = Columns.AccountTypeColumn.class)
    private AccountType type;

    @Convert(converter = Columns.SideColumn.class)
    @Column(name = "normal_balance")
    private Side normalBalance;

    @Column(name = "allow_negative")
    private boolean allowNegative;

    @Column(name = "owner_id")
    private String ownerId;

    private long debits;

    private long credits;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Account() {
        // for JPA
    }

    private Account(String id, String name, String currency, AccountType type, boolean allowNegative, String ownerId,
            Instant createdAt) {
        this.id = id;
        this.name = name;
        this.currency = currency;
        this.type = type;
        this.normalBalance = type.normalBalance();
        this.allowNegative = allowNegative;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
    }

    /** Opens a new account with a zero balance. */
    public static Account open(String name, String currency, AccountType type, boolean allowNegative, String ownerId,
            Instant now) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(type, "type");
        return new Account(IdPrefix.ACCOUNT.newId(), name, currency, type, allowNegative, ownerId, now);
    }

    /** The running totals of the lines posted to this account, and the rule that guards them. */
    public Totals totals() {
        return new Totals(normalBalance, allowNegative, debits, credits);
    }

    public long balance() {
        return totals().balance();
    }

    /** Debit and credit totals as a balance of this account: positive on its normal side. */
    public long signedBalance(long debitTotal, long creditTotal) {
        return totals().signed(debitTotal, creditTotal);
    }

    public boolean isOwnedBy(String subject) {
        return ownerId != null && ownerId.equals(subject);
    }

    @Override
    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String currency() {
        return currency;
    }

    public AccountType type() {
        return type;
    }

    public Side normalBalance() {
        return normalBalance;
    }

    public boolean allowNegative() {
        return allowNegative;
    }

    public String ownerId() {
        return ownerId;
    }

    public long debits() {
        return debits;
    }

    public long credits() {
        return credits;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
