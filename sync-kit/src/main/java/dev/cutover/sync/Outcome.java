package dev.cutover.sync;

/** What became of one captured change. */
public enum Outcome {
    /** Written: the target did not have the row, or had an older version of it. */
    APPLIED,
    /** Not written: the target already had this version or a newer one (a redelivery, a replay, a late change). */
    STALE,
    /** Not written: the change was made on the target side and read back from the source, where a sync put it. */
    ECHO,
    /** Not written: rows of synced tables are never deleted (soft deletes are updates). */
    DELETE_IGNORED;

    String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
