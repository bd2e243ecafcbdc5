package dev.cutover.identity.user;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;

/**
 * A user. Owns the KYC status and its transitions; holds the full name and date of birth only as
 * ciphertexts sealed under the user's data key, and forgets them for good when erased.
 */
@Entity
@Table(name = "users")
public class User {

    @Id
    private String id;

    private String email;

    @Column(name = "password_hash")
    private String passwordHash;

    private String country;

    @Convert(converter = KycStatus.Column.class)
    @Column(name = "kyc_status")
    private KycStatus kycStatus;

    @Column(name = "full_name_enc")
    private byte[] fullNameEnc;

    @Column(name = "date_of_birth_enc")
    private byte[] dateOfBirthEnc;

    @Column(name = "pii_erased_at")
    private Instant piiErasedAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private Long version;

    protected User() {
        // for JPA
    }

    private User(String id, String email, String passwordHash, String country, byte[] fullNameEnc, byte[] dateOfBirthEnc,
            Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.passwordHash = Objects.requireNonNull(passwordHash, "passwordHash");
        this.country = Objects.requireNonNull(country, "country");
        this.fullNameEnc = Objects.requireNonNull(fullNameEnc, "fullNameEnc");
        this.dateOfBirthEnc = Objects.requireNonNull(dateOfBirthEnc, "dateOfBirthEnc");
        this.kycStatus = KycStatus.UNVERIFIED;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new, unverified user; name and date of birth arrive already sealed. */
    static User signUp(String id, String email, String passwordHash, String country, byte[] fullNameEnc,
            byte[] dateOfBirthEnc, Instant now) {
        return new User(id, email, passwordHash, country, fullNameEnc, dateOfBirthEnc, now);
    }

    /** {@code unverified | rejected → pending}; anything else is an invalid transition. */
    void verificationRequested() {
        if (!kycStatus.allowsNewVerification()) {
            throw new UserFacts.VerificationNotAllowed(kycStatus);
        }
        kycStatus = KycStatus.PENDING;
    }

    /** {@code pending → verified | rejected}. */
    void verificationDecided(boolean approved) {
        if (kycStatus != KycStatus.PENDING) {
            throw new UserFacts.NoVerificationPending(kycStatus);
        }
        kycStatus = approved ? KycStatus.VERIFIED : KycStatus.REJECTED;
    }

    /** Forgets the ciphertexts of name and date of birth; the row and its status stay. Returns whether anything was left to erase. */
    boolean erasePersonalData(Instant now) {
        if (piiErasedAt != null) {
            return false;
        }
        fullNameEnc = null;
        dateOfBirthEnc = null;
        piiErasedAt = now;
        return true;
    }

    void passwordRehashed(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash, "newHash");
    }

    public boolean isErased() {
        return piiErasedAt != null;
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    public String country() {
        return country;
    }

    public KycStatus kycStatus() {
        return kycStatus;
    }

    byte[] fullNameEnc() {
        return fullNameEnc;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "User[" + id + ", " + kycStatus + "]";
    }
}
