package dev.cutover.ledger.entry;

import dev.cutover.ledger.account.Columns;
import dev.cutover.ledger.account.Side;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;

import java.time.Instant;

/** One line of a journal entry: an amount on one side of one account. */
@Embeddable
public class EntryLine {

    @Column(name = "account_id")
    private String accountId;

    @Convert(converter = Columns.SideColumn.class)
    private Side direction;

    private long amount;

    /** Copied from the entry so an account's history is read from the lines alone. */
    @Column(name = "posted_at")
    private Instant postedAt;

    protected EntryLine() {
        // for JPA
    }

    EntryLine(String accountId, Side direction, long amount, Instant postedAt) {
        this.accountId = accountId;
        this.direction = direction;
        this.amount = amount;
        this.postedAt = postedAt;
    }

    public String accountId() {
        return accountId;
    }

    public Side direction() {
        return direction;
    }

    public long amount() {
        return amount;
    }
}
