package dev.cutover.identity.kyc;

import java.util.Locale;
import java.util.regex.Pattern;

/** How document numbers are accepted and shown: five stars and the last four characters, e.g. {@code *****1234}. */
final class DocumentNumbers {

    /** Five to forty letters and digits, single spaces or dashes allowed between them. */
    static final String PATTERN = "^(?:[A-Za-z0-9][ -]?){4,39}[A-Za-z0-9]$";
    static final int MIN_LENGTH = 5;
    static final int MAX_LENGTH = 40;
    static final String MASK = "*****";
    static final int SHOWN = 4;

    private static final Pattern ACCEPTED = Pattern.compile(PATTERN);

    private DocumentNumbers() {
    }

    static boolean isAcceptable(String documentNumber) {
        return documentNumber != null && ACCEPTED.matcher(documentNumber).matches();
    }

    /** Letters and digits only, upper case: {@code ab-12 34} and {@code AB1234} are the same document. */
    static String normalize(String documentNumber) {
        return documentNumber.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
    }

    /**
     * The masked form: always five stars and the last four characters of the normalized number, so the
     * mask tells nothing about the length and never more than four characters.
     */
    static String mask(String documentNumber) {
        if (!isAcceptable(documentNumber)) {
            throw new IllegalArgumentException("not an acceptable document number");
        }
        String normalized = normalize(documentNumber);
        return MASK + normalized.substring(normalized.length() - SHOWN);
    }
}
