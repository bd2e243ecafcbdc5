package dev.cutover.ledger.entry;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The journal: entries are only ever added. */
public interface Entries extends Repository<JournalEntry, String> {

    @EntityGraph(attributePaths = "lines")
    Optional<JournalEntry> findById(String id);

    /** The entries with these ids, with their lines, in no particular order. */
    @EntityGraph(attributePaths = "lines")
    List<JournalEntry> findByIdIn(Collection<String> ids);

    @Query("""
            select e from JournalEntry e
            where exists (select 1 from JournalEntry x join x.lines l where x = e and l.accountId = :accountId)
            order by e.postedAt desc, e.id desc""")
    List<JournalEntry> touching(String accountId, Limit limit);

    @Query("""
            select e from JournalEntry e
            where exists (select 1 from JournalEntry x join x.lines l where x = e and l.accountId = :accountId)
              and (e.postedAt < :postedAt or (e.postedAt = :postedAt and e.id < :id))
            order by e.postedAt desc, e.id desc""")
    List<JournalEntry> touchingBefore(String accountId, Instant postedAt, String id, Limit limit);

    /** Σ of an account's debit and credit lines posted at or before {@code asOf}. */
    @Query(value = """
            select coalesce(sum(amount) filter (where direction = 'debit'), 0) as debits,
                   coalesce(sum(amount) filter (where direction = 'credit'), 0) as credits
            from entry_lines
            where account_id = :accountId and posted_at <= :asOf""", nativeQuery = true)
    LineTotals totalsUntil(String accountId, Instant asOf);

    /** Σ debits and Σ credits of one account. */
    interface LineTotals {
        long getDebits();

        long getCredits();
    }
}
