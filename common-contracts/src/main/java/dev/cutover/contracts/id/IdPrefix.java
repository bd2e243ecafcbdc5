package dev.cutover.contracts.id;

import java.security.SecureRandom;

/**
 * The type prefixes of public ids. An id is the prefix followed by 26 Crockford base32 characters:
 * 48 bits of millisecond time then 80 random bits, so ids are unguessable and roughly time-ordered.
 * Clients must treat ids as opaque strings.
 */
public enum IdPrefix {

    USER("usr_"),
    KYC_RECORD("kyc_"),
    VERIFICATION("ver_"),
    PAYMENT_METHOD("pm_"),
    TRANSACTION("txn_"),
    REFUND("re_"),
    ACCOUNT("acc_"),
    JOURNAL_ENTRY("je_");

    /** Length of the part after the prefix. */
    public static final int BODY_LENGTH = 26;

    private static final char[] CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;

    IdPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** A new id of this type. */
    public String newId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long time = System.currentTimeMillis();
        char[] body = new char[BODY_LENGTH];
        // 10 characters of time (50 bits, the top 2 always zero), then 16 characters of randomness.
        for (int i = 9; i >= 0; i--) {
            body[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        long hi = 0;
        for (int i = 0; i < 5; i++) {
            hi = (hi << 8) | (random[i] & 0xff);
        }
        long lo = 0;
        for (int i = 5; i < 10; i++) {
            lo = (lo << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            body[i] = CROCKFORD[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            body[i] = CROCKFORD[(int) (lo & 31)];
            lo >>>= 5;
        }
        return prefix + new String(body);
    }

    /**
     * Whether {@code id} is shaped like an id of this type. Well-known fixed ids (such as the test
     * payment method {@code pm_test_visa_4242}) are accepted too as long as they carry the prefix and
     * only lower-case letters, digits and underscores.
     */
    public boolean isWellFormed(String id) {
        if (id == null || !id.startsWith(prefix) || id.length() == prefix.length() || id.length() > 64) {
            return false;
        }
        for (int i = prefix.length(); i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }
}
