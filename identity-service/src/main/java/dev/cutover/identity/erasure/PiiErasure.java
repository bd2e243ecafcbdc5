package dev.cutover.identity.erasure;

import dev.cutover.identity.audit.AuditTrail;
import dev.cutover.identity.kyc.KycSubmissions;
import dev.cutover.identity.pii.PersonalData;
import dev.cutover.identity.user.UserAccounts;
import dev.cutover.kit.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;

/**
 * Erases a user's personal data (SPEC §2): the ciphertexts of name, date of birth and every document
 * number are dropped and the user's data key is deleted, so even a copy of a ciphertext made earlier can
 * no longer be opened, with or without the master key. The user, the KYC records and verifications with
 * their statuses, and the audit trail stay. Erasing again changes nothing and succeeds again.
 */
@Service
class PiiErasure {

    private final UserAccounts users;
    private final KycSubmissions kyc;
    private final PersonalData personalData;
    private final AuditTrail audit;

    PiiErasure(UserAccounts users, KycSubmissions kyc, PersonalData personalData, AuditTrail audit) {
        this.users = users;
        this.kyc = kyc;
        this.personalData = personalData;
        this.audit = audit;
    }

    @Transactional
    void erase(Caller caller, String userId) {
        boolean userData = users.erasePersonalData(caller, userId);
        int documents = kyc.erasePersonalData(userId);
        boolean key = personalData.shred(userId);
        if (userData || documents > 0 || key) {
            audit.record(caller.subject(), "pii.erased", userId, Map.of("documents", Integer.toString(documents)));
        }
    }
}
