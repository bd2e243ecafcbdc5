package dev.cutover.contracts;

/** The bounds of every {@code metadata} object: string to string, at most 20 keys of ≤ 40 and values of ≤ 500 characters. */
public final class MetadataRules {

    public static final int MAX_KEYS = 20;
    public static final int MAX_KEY_LENGTH = 40;
    public static final int MAX_VALUE_LENGTH = 500;

    private MetadataRules() {
    }
}
