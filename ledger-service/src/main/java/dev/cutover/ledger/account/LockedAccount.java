package dev.cutover.ledger.account;

/**
 * An account locked for the transaction that posts to it, with its totals as they were read and as the
 * postings of that transaction have left them so far.
 */
public final class LockedAccount {

    private final String id;
    private final String currency;
    private final Totals read;
    private Totals now;

    LockedAccount(String id, String currency, Totals read) {
        this.id = id;
        this.currency = currency;
        this.read = read;
        this.now = read;
    }

    public String id() {
        return id;
    }

    public String currency() {
        return currency;
    }

    public boolean wouldGoNegative(long addedDebits, long addedCredits) {
        return now.wouldGoNegative(addedDebits, addedCredits);
    }

    /** Records the lines of one entry that touch this account; see {@link Totals#plus}. */
    public void record(long addedDebits, long addedCredits) {
        now = now.plus(addedDebits, addedCredits);
    }

    public Totals totals() {
        return now;
    }

    long addedDebits() {
        return now.debits() - read.debits();
    }

    long addedCredits() {
        return now.credits() - read.credits();
    }

    boolean changed() {
        return !now.equals(read);
    }
}
