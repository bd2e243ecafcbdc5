package dev.cutover.identity.kyc;

import dev.cutover.contracts.auth.Scope;
import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.identity.audit.AuditTrail;
import dev.cutover.identity.pii.PersonalData;
import dev.cutover.identity.pii.PiiField;
import dev.cutover.identity.pii.PiiFingerprints;
import dev.cutover.identity.pii.UserKey;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Takes KYC documents from their owners and moves records through verification; a record is visible to
 * its owner and to ops, and a 404 to everyone else.
 */
@Service
public class KycSubmissions {

    private final KycRecords records;
    private final PersonalData personalData;
    private final PiiFingerprints fingerprints;
    private final AuditTrail audit;
    private final Clock clock;

    KycSubmissions(KycRecords records, PersonalData personalData, PiiFingerprints fingerprints, AuditTrail audit, Clock clock) {
        this.records = records;
        this.personalData = personalData;
        this.fingerprints = fingerprints;
        this.audit = audit;
        this.clock = clock;
    }

    KycFingerprint fingerprint(KycRecordCreate request) {
        return new KycFingerprint(request.documentType(), request.issuingCountry(), request.expiresOn(),
                fingerprints.of("kyc-record", request.documentNumber()));
    }

    /** Stores the record of {@code userId}, the number sealed under the user's data key. Returns the new id. */
    @Transactional(propagation = Propagation.MANDATORY)
    String submit(String userId, KycRecordCreate request) {
        String id = IdPrefix.KYC_RECORD.newId();
        UserKey key = personalData.keyFor(userId);
        String number = request.documentNumber();
        KycRecord record = KycRecord.submit(id, userId, request.documentType(),
                key.seal(PiiField.DOCUMENT_NUMBER, id, number), DocumentNumbers.mask(number),
                request.issuingCountry(), request.expiresOn(), today(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        records.save(record);
        audit.record(userId, "kyc_record.submitted", id, Map.of("document_type", request.documentType().wire()));
        return id;
    }

    @Transactional(readOnly = true)
    KycRecordView view(Caller caller, String id) {
        return records.findById(id)
                .filter(record -> caller.has(Scope.OPS) || (caller.has(Scope.USER) && record.isOwnedBy(caller.subject())))
                .map(KycRecordView::of)
                .orElseThrow(() -> ProblemException.notFound("KYC record"));
    }

    /** Moves one of the user's own records to {@code pending}; another user's record is a 404. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void verificationRequested(String userId, String kycRecordId) {
        KycRecord record = records.lockById(kycRecordId)
                .filter(r -> r.isOwnedBy(userId))
                .orElseThrow(() -> ProblemException.notFound("KYC record"));
        record.verificationRequested(today());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void verificationDecided(String kycRecordId, boolean approved) {
        records.lockById(kycRecordId)
                .orElseThrow(() -> ProblemException.notFound("KYC record"))
                .verificationDecided(approved);
    }

    /** Forgets the numbers of all the user's documents; returns how many still had one. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int erasePersonalData(String userId) {
        List<KycRecord> owned = records.lockAllOfUser(userId);
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int erased = 0;
        for (KycRecord record : owned) {
            if (record.erasePersonalData(now)) {
                erased++;
            }
        }
        return erased;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
