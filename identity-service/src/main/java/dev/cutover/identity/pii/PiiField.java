package dev.cutover.identity.pii;

/** The personal data identity stores, each named by where it lives; the name is part of its associated data. */
public enum PiiField {

    FULL_NAME("users.full_name"),
    DATE_OF_BIRTH("users.date_of_birth"),
    DOCUMENT_NUMBER("kyc_records.document_number");

    private final String column;

    PiiField(String column) {
        this.column = column;
    }

    /** Binds a ciphertext to its column, its owner and its row: moved anywhere else, it no longer opens. */
    String associatedData(String userId, String rowId) {
        return "cutover.identity|" + column + "|" + userId + "|" + rowId;
    }
}
