package dev.cutover.identity.sync;

import dev.cutover.identity.crypto.LegacyCiphertexts;
import dev.cutover.identity.crypto.PasswordHashes;
import dev.cutover.identity.pii.PersonalData;
import dev.cutover.identity.pii.PiiField;
import dev.cutover.identity.pii.UserKey;
import dev.cutover.sync.LegacySync;
import dev.cutover.sync.Reconciliation;
import dev.cutover.sync.TableMapping;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that knows the legacy monolith's identity tables: which of them hold this service's users, KYC
 * records and verifications, under which column names, and how the values the two sides store differently are
 * turned into each other's (ADR 66). A monolith whose tables differ changes only this class.
 *
 * <ul>
 *   <li>Password hashes: Django's {@code pbkdf2_sha256$…} and {@code argon2$argon2id$…} here become
 *       {@code {pbkdf2-django}…} and {@code {argon2}$argon2id$…}, and back ({@link PasswordHashes}).</li>
 *   <li>Personal data: the monolith seals it under its one PII key with the row's context; this service under the
 *       user's own data key. The sync opens with one and seals with the other, inside the target's transaction; an
 *       erased value (null) stays null.</li>
 *   <li>The monolith's {@code updated_at}, which this service does not keep, is the time of the copy.</li>
 * </ul>
 * Parents come before children (a KYC record names its user, a verification its record).
 */
final class LegacyIdentityMapping {

    static final String LEGACY_FENCES = "public.identity_sync_fence";
    static final String OWN_FENCES = "identity.sync_fences";
    /** Django's prefix of a password nobody can sign in with. */
    private static final String UNUSABLE_PASSWORD = "!";

    private static final TableMapping USERS = new TableMapping("public.identity_user", "identity.users", "id", columns(
            "id", "id", "email", "email", "password", "password_hash", "country", "country", "kyc_status", "kyc_status",
            "full_name", "full_name_enc", "date_of_birth", "date_of_birth_enc", "pii_erased_at", "pii_erased_at",
            "created_at", "created_at"));
    private static final TableMapping KYC_RECORDS = new TableMapping("public.identity_kyc_record", "identity.kyc_records", "id",
            columns("id", "id", "user_id", "user_id", "document_type", "document_type", "document_number", "document_number_enc",
                    "document_number_masked", "document_number_masked", "issuing_country", "issuing_country",
                    "expires_on", "expires_on", "status", "status", "pii_erased_at", "pii_erased_at", "created_at", "created_at"));
    private static final TableMapping VERIFICATIONS = TableMapping.sameColumns("public.identity_verification",
            "identity.verifications", "id", List.of("id", "kyc_record_id", "user_id", "status", "reason", "decided_by",
                    "decided_at", "created_at"));

    /** What reconciliation compares: everything but the sealed personal data, which no two seals write alike. */
    static final List<Reconciliation.Compared> COMPARED = List.of(
            new Reconciliation.Compared("users", USERS.sourceTable(), USERS.targetTable(), "id", "id", columns(
                    "id", "id", "email", "email", "country", "country", "kyc_status", "kyc_status",
                    "pii_erased_at", "pii_erased_at", "created_at", "created_at", "full_name IS NULL", "full_name_enc IS NULL",
                    // the same hash in each side's notation: Django's "argon2$…" and Spring's "{argon2}$…" both as "$…"
                    "regexp_replace(password, '^argon2\\$', '$')", "regexp_replace(password_hash, '^\\{[a-z0-9-]+\\}', '')",
                    TableMapping.VERSION, TableMapping.VERSION)),
            new Reconciliation.Compared("kyc_records", KYC_RECORDS.sourceTable(), KYC_RECORDS.targetTable(), "id", "id", columns(
                    "user_id", "user_id", "document_type", "document_type", "document_number_masked", "document_number_masked",
                    "issuing_country", "issuing_country", "expires_on", "expires_on", "status", "status",
                    "pii_erased_at", "pii_erased_at", "created_at", "created_at", TableMapping.VERSION, TableMapping.VERSION)),
            Reconciliation.Compared.of(VERIFICATIONS));

    private LegacyIdentityMapping() {
    }

    static LegacySync.Domain domain(PersonalData personalData, LegacyCiphertexts legacy, Clock clock) {
        List<TableMapping> fromLegacy = List.of(
                USERS.transformedBy((target, row) -> {
                    String id = (String) row.get("id");
                    row.put("password_hash", PasswordHashes.fromLegacy((String) row.get("password_hash"))
                            .orElse("{" + PasswordHashes.DJANGO_PBKDF2 + "}" + UNUSABLE_PASSWORD));
                    PersonalData keys = personalData.on(target);
                    sealHere(keys, row, id, "full_name_enc", PiiField.FULL_NAME, id, legacy, LegacyCiphertexts.userContext(id, "full_name"));
                    sealHere(keys, row, id, "date_of_birth_enc", PiiField.DATE_OF_BIRTH, id, legacy,
                            LegacyCiphertexts.userContext(id, "date_of_birth"));
                }),
                KYC_RECORDS.transformedBy((target, row) -> sealHere(personalData.on(target), row, (String) row.get("user_id"),
                        "document_number_enc", PiiField.DOCUMENT_NUMBER, (String) row.get("id"), legacy,
                        LegacyCiphertexts.documentNumberContext((String) row.get("id")))),
                VERIFICATIONS);
        List<TableMapping> toLegacy = List.of(
                USERS.reversed().transformedBy((target, row) -> {
                    String id = (String) row.get("id");
                    row.put("password", PasswordHashes.toLegacy((String) row.get("password")).orElse(UNUSABLE_PASSWORD));
                    sealThere(personalData, row, id, "full_name", PiiField.FULL_NAME, id, legacy, LegacyCiphertexts.userContext(id, "full_name"));
                    sealThere(personalData, row, id, "date_of_birth", PiiField.DATE_OF_BIRTH, id, legacy,
                            LegacyCiphertexts.userContext(id, "date_of_birth"));
                    row.put("updated_at", now(clock));
                }),
                KYC_RECORDS.reversed().transformedBy((target, row) -> {
                    String id = (String) row.get("id");
                    sealThere(personalData, row, (String) row.get("user_id"), "document_number", PiiField.DOCUMENT_NUMBER, id,
                            legacy, LegacyCiphertexts.documentNumberContext(id));
                    row.put("updated_at", now(clock));
                }),
                VERIFICATIONS.reversed().transformedBy((target, row) -> row.put("updated_at", now(clock))));
        return new LegacySync.Domain("identity", "identity", fromLegacy, toLegacy, LEGACY_FENCES, OWN_FENCES, COMPARED);
    }

    /** A value the monolith sealed, opened with its key and sealed under the user's data key here. */
    private static void sealHere(PersonalData keys, Map<String, Object> row, String userId, String column, PiiField field,
                                 String rowId, LegacyCiphertexts legacy, String legacyContext) {
        Object sealed = row.get(column);
        if (sealed != null) {
            UserKey key = keys.keyFor(userId);
            row.put(column, key.seal(field, rowId, legacy.open((String) sealed, legacyContext)));
        }
    }

    /** A value sealed under the user's data key here, opened and sealed with the monolith's key for its row. */
    private static void sealThere(PersonalData keys, Map<String, Object> row, String userId, String column, PiiField field,
                                  String rowId, LegacyCiphertexts legacy, String legacyContext) {
        Object sealed = row.get(column);
        if (sealed == null) {
            return;
        }
        UserKey key = keys.existingKey(userId).orElse(null);
        if (key == null) {
            // the user's data was erased after this change: nothing can open it any more, as on the monolith once the
            // erasure's own change (which follows, with its own time) arrives
            row.put(column, null);
            if (row.get("pii_erased_at") == null) {
                row.put("pii_erased_at", OffsetDateTime.now(ZoneOffset.UTC).toString());
            }
            return;
        }
        row.put(column, legacy.seal(key.open(field, rowId, (byte[]) sealed), legacyContext));
    }

    private static String now(Clock clock) {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    private static Map<String, String> columns(String... pairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put(pairs[i], pairs[i + 1]);
        }
        return columns;
    }
}
