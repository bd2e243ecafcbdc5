package dev.cutover.identity.user;

import dev.cutover.contracts.auth.Scope;
import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.identity.audit.AuditTrail;
import dev.cutover.identity.pii.PersonalData;
import dev.cutover.identity.pii.PiiField;
import dev.cutover.identity.pii.PiiFingerprints;
import dev.cutover.identity.pii.UserKey;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.security.Caller;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Signs users up, checks their credentials, and shows a user to a caller only if the caller may see them
 * (themselves, ops, services); anyone else gets a 404, whether the user exists or not.
 */
@Service
public class UserAccounts {

    static final String EMAIL_UNIQUE_INDEX = "users_email_unique";

    private final Users users;
    private final PersonalData personalData;
    private final PiiFingerprints fingerprints;
    private final PasswordEncoder passwords;
    private final AuditTrail audit;
    private final Clock clock;
    /** Verified against when the email is unknown, so an unknown user costs the same hash as a wrong password. */
    private final String decoyHash;

    UserAccounts(Users users, PersonalData personalData, PiiFingerprints fingerprints, PasswordEncoder passwords,
            AuditTrail audit, Clock clock) {
        this.users = users;
        this.personalData = personalData;
        this.fingerprints = fingerprints;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** Hashes a new password; slow on purpose, so called outside any transaction. */
    String hashPassword(String password) {
        return passwords.encode(password);
    }

    SignUpFingerprint fingerprint(UserCreate request) {
        return new SignUpFingerprint(request.email(), request.country(), fingerprints.of("sign-up",
                request.password(), request.fullName(), request.dateOfBirth().toString()));
    }

    /** Creates the user and their data key; runs in the caller's transaction. Returns the new id. */
    @Transactional(propagation = Propagation.MANDATORY)
    String signUp(UserCreate request, String passwordHash) {
        String id = IdPrefix.USER.newId();
        UserKey key = personalData.keyFor(id);
        User user = User.signUp(id, request.email().strip(), passwordHash, request.country(),
                key.seal(PiiField.FULL_NAME, id, request.fullName().strip()),
                key.seal(PiiField.DATE_OF_BIRTH, id, request.dateOfBirth().toString()),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException duplicate) {
            if (ConstraintNames.violated(duplicate, EMAIL_UNIQUE_INDEX)) {
                throw new UserFacts.EmailTaken();
            }
            throw duplicate;
        }
        audit.record(id, "user.signed_up", id);
        return id;
    }

    /**
     * The user with this email and password, or empty, taking about the same time whether the email is
     * unknown or the password wrong. A hash made with weaker parameters than today's is replaced.
     */
    public Optional<User> authenticate(String email, String password) {
        Optional<User> user = users.findByEmail(email.strip());
        String hash = user.map(User::passwordHash).orElse(decoyHash);
        boolean matches = passwords.matches(password, hash);
        if (user.isEmpty() || !matches) {
            return Optional.empty();
        }
        if (passwords.upgradeEncoding(hash)) {
            users.replacePasswordHash(user.get().id(), hash, passwords.encode(password));
        }
        return user;
    }

    /** Whether a user with this id exists (refresh grants re-check it). */
    @Transactional(readOnly = true)
    public boolean exists(String userId) {
        return users.findById(userId).isPresent();
    }

    @Transactional(readOnly = true)
    UserView view(Caller caller, String id) {
        return view(visibleTo(caller, id));
    }

    /** The view right after sign-up or its replay. */
    @Transactional(readOnly = true)
    UserView view(String id) {
        return view(users.findById(id).orElseThrow(() -> ProblemException.notFound("user")));
    }

    @Transactional(readOnly = true)
    KycStatusView kycStatus(String id) {
        User user = users.findById(id).orElseThrow(() -> ProblemException.notFound("user"));
        return new KycStatusView(user.id(), user.kycStatus());
    }

    /** Moves the user to {@code pending}, holding the row lock until the caller's transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void verificationRequested(String userId) {
        User user = lock(userId);
        KycStatus before = user.kycStatus();
        user.verificationRequested();
        audit.record(userId, "user.kyc_status_changed", userId,
                Map.of("from", before.wire(), "to", user.kycStatus().wire()));
    }

    /** Moves the user from {@code pending} to {@code verified} or {@code rejected}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public KycStatus verificationDecided(String userId, boolean approved, String actor) {
        User user = lock(userId);
        KycStatus before = user.kycStatus();
        user.verificationDecided(approved);
        audit.record(actor, "user.kyc_status_changed", userId,
                Map.of("from", before.wire(), "to", user.kycStatus().wire()));
        return user.kycStatus();
    }

    /**
     * Forgets the user's name and date of birth if the caller may act on this user (self or ops); 404
     * otherwise. Returns whether anything was still there to erase.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean erasePersonalData(Caller caller, String userId) {
        User user = users.lockById(userId)
                .filter(u -> mayActOn(caller, u))
                .orElseThrow(() -> ProblemException.notFound("user"));
        return user.erasePersonalData(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private User visibleTo(Caller caller, String id) {
        return users.findById(id).filter(user -> mayActOn(caller, user))
                .orElseThrow(() -> ProblemException.notFound("user"));
    }

    private static boolean mayActOn(Caller caller, User user) {
        return caller.isPrivileged() || (caller.has(Scope.USER) && caller.subject().equals(user.id()));
    }

    private User lock(String userId) {
        return users.lockById(userId).orElseThrow(() -> ProblemException.notFound("user"));
    }

    private UserView view(User user) {
        String fullName = null;
        if (!user.isErased()) {
            UserKey key = personalData.existingKey(user.id())
                    .orElseThrow(() -> new IllegalStateException("user " + user.id() + " has personal data but no data key"));
            fullName = key.open(PiiField.FULL_NAME, user.id(), user.fullNameEnc());
        }
        return new UserView(user.id(), user.email(), fullName, user.country(), user.kycStatus(), user.createdAt());
    }
}
