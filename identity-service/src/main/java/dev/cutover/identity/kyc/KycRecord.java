package dev.cutover.identity.kyc;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An identity document a user submitted. The number is held only sealed (and masked for display); the
 * record's status follows the verification made of it, and only a submitted, unexpired record with its
 * number still present can be verified.
 */
@Entity
@Table(name = "kyc_records")
public class KycRecord {

    @Id
    private String id;

    @Column(name = "user_id")
    private String userId;

    @Convert(converter = DocumentType.Column.class)
    @Column(name = "document_type")
    private DocumentType documentType;

    @Column(name = "document_number_enc")
    private byte[] documentNumberEnc;

    @Column(name = "document_number_masked")
    private String documentNumberMasked;

    @Column(name = "issuing_country")
    private String issuingCountry;

    @Column(name = "expires_on")
    private LocalDate expiresOn;

    @Convert(converter = KycRecordStatus.Column.class)
    private KycRecordStatus status;

    @Column(name = "pii_erased_at")
    private Instant piiErasedAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Version
    private Long version;

    protected KycRecord() {
        // for JPA
    }

    private KycRecord(String id, String userId, DocumentType documentType, byte[] documentNumberEnc,
            String documentNumberMasked, String issuingCountry, LocalDate expiresOn, Instant createdAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.documentType = Objects.requireNonNull(documentType, "documentType");
        this.documentNumberEnc = Objects.requireNonNull(documentNumberEnc, "documentNumberEnc");
        this.documentNumberMasked = Objects.requireNonNull(documentNumberMasked, "documentNumberMasked");
        this.issuingCountry = Objects.requireNonNull(issuingCountry, "issuingCountry");
        this.expiresOn = Objects.requireNonNull(expiresOn, "expiresOn");
        this.status = KycRecordStatus.SUBMITTED;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A submitted record; refused if the document has already expired on {@code today}. */
    static KycRecord submit(String id, String userId, DocumentType documentType, byte[] documentNumberEnc,
            String documentNumberMasked, String issuingCountry, LocalDate expiresOn, LocalDate today, Instant now) {
        if (expiresOn.isBefore(today)) {
            throw new KycFacts.DocumentExpired("expires_on");
        }
        return new KycRecord(id, userId, documentType, documentNumberEnc, documentNumberMasked, issuingCountry,
                expiresOn, now);
    }

    /** {@code submitted → pending}, for a record whose document is still valid and whose number is still held. */
    void verificationRequested(LocalDate today) {
        if (expiresOn.isBefore(today)) {
            throw new KycFacts.DocumentExpired("kyc_record_id");
        }
        if (piiErasedAt != null) {
            throw new KycFacts.RecordNotVerifiable("its document number was erased");
        }
        if (status != KycRecordStatus.SUBMITTED) {
            throw new KycFacts.RecordNotVerifiable("it is " + status.wire() + ", only a submitted record can be");
        }
        status = KycRecordStatus.PENDING;
    }

    /** {@code pending → verified | rejected}. */
    void verificationDecided(boolean approved) {
        if (status != KycRecordStatus.PENDING) {
            throw new KycFacts.RecordNotVerifiable("it is " + status.wire() + ", not pending");
        }
        status = approved ? KycRecordStatus.VERIFIED : KycRecordStatus.REJECTED;
    }

    /** Forgets the document number, sealed and masked; the record and its status stay. */
    boolean erasePersonalData(Instant now) {
        if (piiErasedAt != null) {
            return false;
        }
        documentNumberEnc = null;
        documentNumberMasked = null;
        piiErasedAt = now;
        return true;
    }

    public boolean isOwnedBy(String subject) {
        return userId.equals(subject);
    }

    public String id() {
        return id;
    }

    public String userId() {
        return userId;
    }

    public DocumentType documentType() {
        return documentType;
    }

    byte[] documentNumberEnc() {
        return documentNumberEnc;
    }

    public String documentNumberMasked() {
        return documentNumberMasked;
    }

    public String issuingCountry() {
        return issuingCountry;
    }

    public LocalDate expiresOn() {
        return expiresOn;
    }

    public KycRecordStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    @Override
    public String toString() {
        return "KycRecord[" + id + ", " + status + "]";
    }
}
