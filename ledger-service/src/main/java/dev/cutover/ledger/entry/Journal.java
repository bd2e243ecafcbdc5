package dev.cutover.ledger.entry;

import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.security.Caller;
import dev.cutover.kit.web.PageQuery;
import dev.cutover.ledger.account.Account;
import dev.cutover.ledger.account.AccountDirectory;
import dev.cutover.ledger.account.Accounts;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** Reads the journal for a caller: owners see entries touching their accounts, ops and services see all. */
@Service
public class Journal {

    private final Entries entries;
    private final Accounts accounts;
    private final AccountDirectory directory;

    Journal(Entries entries, Accounts accounts, AccountDirectory directory) {
        this.entries = entries;
        this.accounts = accounts;
        this.directory = directory;
    }

    @Transactional(readOnly = true)
    EntryView visibleTo(Caller caller, String id) {
        JournalEntry entry = entries.findById(id)
                .filter(e -> caller.isPrivileged() || ownsAnyAccountOf(caller, e))
                .orElseThrow(() -> ProblemException.notFound("entry"));
        return EntryView.of(entry);
    }

    @Transactional(readOnly = true)
    Page<EntryView> touching(Caller caller, String accountId, PageQuery page) {
        Account account = directory.visibleTo(caller, accountId);
        Limit limit = Limit.of(page.fetchSize());
        List<JournalEntry> rows;
        if (page.startingAfter() == null) {
            rows = entries.touching(account.id(), limit);
        } else {
            JournalEntry cursor = entries.findById(page.startingAfter())
                    .filter(e -> e.touches(java.util.Set.of(account.id())))
                    .orElseThrow(() -> ProblemException.invalidField("starting_after", "is not an entry of this list"));
            rows = entries.touchingBefore(account.id(), cursor.postedAt(), cursor.id(), limit);
        }
        return Page.fromLookahead(rows, page.limit()).map(EntryView::of);
    }

    /** Σ of an account's debit and credit lines. */
    public record Totals(long debits, long credits) {
    }

    /** The totals of the lines of {@code accountId} posted at or before {@code asOf}: the fold behind an {@code as_of} balance. */
    @Transactional(readOnly = true)
    public Totals totalsUntil(String accountId, java.time.Instant asOf) {
        Entries.LineTotals totals = entries.totalsUntil(accountId, asOf);
        return new Totals(totals.getDebits(), totals.getCredits());
    }

    private boolean ownsAnyAccountOf(Caller caller, JournalEntry entry) {
        for (String accountId : entry.accountIds()) {
            if (accounts.findById(accountId).map(a -> a.isOwnedBy(caller.subject())).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
