package dev.cutover.ledger.entry;

import dev.cutover.kit.persistence.MetadataColumn;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.ledger.account.AccountLocks;
import dev.cutover.ledger.account.LockedAccount;
import dev.cutover.ledger.account.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes journal entries in batches: many postings, one database transaction, a handful of statements
 * whatever the batch size. Each posting of a batch succeeds or is refused on its own, exactly as if it had
 * been posted alone after the ones before it: same reference and content as an entry already posted (or
 * earlier in the batch) replays that entry, a reused reference, an unknown account, mixed currencies, an
 * unbalanced entry or a guarded account going below zero refuses that posting only.
 *
 * <p>Concurrency: a batch locks all its accounts in id order ({@link AccountLocks}), so batches touching the
 * same accounts queue instead of deadlocking, and each sees the balances the one before it left; each account
 * is updated once per batch. References are looked up after the locks are held, so a replay racing its
 * original waits for it and then replays it rather than posting it again. Two batches posting one reference
 * with different accounts meet at the reference's unique index: the second fails, is retried, and then finds
 * the entry and refuses the reuse. The database checks every entry again at commit
 * (balanced, one currency, at least two lines; migration V2) and refuses guarded balances below zero.
 */
@Component
class JournalWriter implements GroupCommit.Writer {

    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);
    private static final int ATTEMPTS = 4;
    private static final MetadataColumn METADATA = new MetadataColumn();

    private final AccountLocks accounts;
    private final Entries entries;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    JournalWriter(AccountLocks accounts, Entries entries, JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.accounts = accounts;
        this.entries = entries;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** One posting to write; {@code reversalOf} names the entry it reverses, if it is a reversal. */
    record Item(PostingRequest request, String reversalOf) {
        static Item of(PostingRequest request) {
            return new Item(request, null);
        }
    }

    /** What became of one posting. */
    sealed interface Outcome permits Posting.Posted, Refused, Failed {
    }

    /** The posting was refused for the stated fact; nothing of it was written. */
    record Refused(ProblemException reason) implements Outcome {
    }

    /** The database refused to write this posting for a reason the checks above did not foresee; nothing of it was written. */
    record Failed(RuntimeException cause) implements Outcome {
    }

    /**
     * Writes the items in one transaction and returns one outcome per item, in order. Lock contention and a
     * reference posted concurrently elsewhere retry the whole batch; any other database refusal of a batch
     * writes its items one by one, so that only the posting the database refuses fails. A database that
     * cannot be reached fails the whole batch: the exception is thrown and nothing is written.
     */
    @Override
    public List<Outcome> write(List<Item> items) {
        try {
            return withRetries(items);
        } catch (DataAccessException refused) {
            if (items.size() == 1 || refused instanceof TransientDataAccessException) {
                throw refused;
            }
            log.warn("A batch of {} postings was refused by the database ({}); writing them one by one", items.size(),
                    refused.getClass().getSimpleName());
            List<Outcome> outcomes = new ArrayList<>(items.size());
            for (Item item : items) {
                outcomes.add(alone(item));
            }
            return outcomes;
        }
    }

    private Outcome alone(Item item) {
        try {
            return withRetries(List.of(item)).getFirst();
        } catch (DataAccessException refused) {
            if (refused instanceof TransientDataAccessException) {
                throw refused;
            }
            log.error("The database refused a posting the ledger's own checks accepted ({}); it was not written",
                    refused.getClass().getSimpleName());
            return new Failed(refused);
        }
    }

    private List<Outcome> withRetries(List<Item> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> writeInTransaction(items));
            } catch (PessimisticLockingFailureException | DuplicateKeyException contention) {
                if (attempt == ATTEMPTS) {
                    throw contention;
                }
                log.info("A batch of {} postings met {} (attempt {} of {}); retrying", items.size(),
                        contention.getClass().getSimpleName(), attempt, ATTEMPTS);
                pause(attempt, contention);
            }
        }
    }

    private List<Outcome> writeInTransaction(List<Item> items) {
        Instant postedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // locks first: a concurrent posting of the same reference touches the same accounts, so once they are
        // locked it has committed and the look-up below sees it
        Map<String, LockedAccount> locked = lock(items);
        Map<String, Earlier> earlier = postedBefore(items);
        Map<String, JournalEntry> replayable = earlier.isEmpty() ? Map.of() : byId(earlier.values());

        List<Outcome> outcomes = new ArrayList<>(items.size());
        List<JournalEntry> written = new ArrayList<>();
        Map<String, JournalEntry> inThisBatch = new HashMap<>();
        for (Item item : items) {
            PostingRequest request = item.request();
            String fingerprint = request.fingerprint();
            JournalEntry sameReference = inThisBatch.get(request.reference());
            Earlier before = earlier.get(request.reference());
            if (sameReference != null) {
                outcomes.add(sameReference.fingerprint().equals(fingerprint)
                        ? new Posting.Posted(sameReference, true) : new Refused(new EntryFacts.ReferenceReused()));
            } else if (before != null) {
                outcomes.add(before.fingerprint().equals(fingerprint)
                        ? new Posting.Posted(Objects.requireNonNull(replayable.get(before.id()), before.id()), true)
                        : new Refused(new EntryFacts.ReferenceReused()));
            } else {
                try {
                    JournalEntry entry = post(item, fingerprint, locked, postedAt);
                    written.add(entry);
                    inThisBatch.put(request.reference(), entry);
                    outcomes.add(new Posting.Posted(entry, false));
                } catch (ProblemException fact) {
                    outcomes.add(new Refused(fact));
                }
            }
        }
        insert(written, postedAt);
        accounts.writeBack(locked.values());
        return outcomes;
    }

    /** Checks one posting against the locked accounts as the batch has left them, and records its effect. */
    private static JournalEntry post(Item item, String fingerprint, Map<String, LockedAccount> locked, Instant postedAt) {
        PostingRequest request = item.request();
        if (!request.isBalanced()) {
            throw new EntryFacts.UnbalancedEntry(request.total(Side.DEBIT), request.total(Side.CREDIT));
        }
        List<PostingRequest.Line> lines = request.lines();
        List<String> currencies = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            LockedAccount account = locked.get(lines.get(i).accountId());
            if (account == null) {
                throw new EntryFacts.UnknownAccount(i, lines.get(i).accountId());
            }
            if (!currencies.contains(account.currency())) {
                currencies.add(account.currency());
            }
        }
        if (currencies.size() > 1) {
            throw new EntryFacts.CurrencyMismatch(currencies);
        }
        Map<String, long[]> effect = new LinkedHashMap<>();
        for (PostingRequest.Line line : lines) {
            long[] totals = effect.computeIfAbsent(line.accountId(), id -> new long[2]);
            totals[line.direction() == Side.DEBIT ? 0 : 1] += line.amount();
        }
        effect.forEach((accountId, totals) -> {
            if (locked.get(accountId).wouldGoNegative(totals[0], totals[1])) {
                throw new EntryFacts.InsufficientFunds(accountId);
            }
        });
        effect.forEach((accountId, totals) -> locked.get(accountId).record(totals[0], totals[1]));
        return new JournalEntry(request, fingerprint, currencies.getFirst(), item.reversalOf(), postedAt);
    }

    /** An entry posted earlier under one of the batch's references. */
    private record Earlier(String reference, String id, String fingerprint) {
    }

    private Map<String, Earlier> postedBefore(List<Item> items) {
        String[] references = items.stream().map(item -> item.request().reference()).distinct().toArray(String[]::new);
        Map<String, Earlier> found = new HashMap<>();
        jdbc.sql("SELECT reference, id, fingerprint FROM journal_entries WHERE reference = ANY(?)")
                .param(text(references))
                .query((rs, row) -> new Earlier(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list()
                .forEach(earlier -> found.put(earlier.reference(), earlier));
        return found;
    }

    /** The entries posted earlier under the batch's references, in one query. */
    private Map<String, JournalEntry> byId(Collection<Earlier> earlier) {
        Map<String, JournalEntry> found = new HashMap<>();
        entries.findByIdIn(earlier.stream().map(Earlier::id).toList()).forEach(entry -> found.put(entry.id(), entry));
        return found;
    }

    /** Locks, in id order, every account the batch names; the ones that exist are returned. */
    private Map<String, LockedAccount> lock(List<Item> items) {
        TreeSet<String> ids = new TreeSet<>();
        for (Item item : items) {
            item.request().lines().forEach(line -> ids.add(line.accountId()));
        }
        return accounts.lockInIdOrder(ids);
    }

    /** The new entries and their lines, one statement each for the whole batch. */
    private void insert(List<JournalEntry> written, Instant postedAt) {
        if (written.isEmpty()) {
            return;
        }
        int count = written.size();
        int lineCount = written.stream().mapToInt(entry -> entry.lines().size()).sum();
        String[] ids = new String[count];
        String[] references = new String[count];
        String[] currencies = new String[count];
        String[] descriptions = new String[count];
        String[] metadata = new String[count];
        String[] fingerprints = new String[count];
        String[] reversals = new String[count];
        String[] lineEntries = new String[lineCount];
        Integer[] lineNumbers = new Integer[lineCount];
        String[] lineAccounts = new String[lineCount];
        String[] lineDirections = new String[lineCount];
        Long[] lineAmounts = new Long[lineCount];
        int l = 0;
        for (int i = 0; i < count; i++) {
            JournalEntry entry = written.get(i);
            ids[i] = entry.id();
            references[i] = entry.reference();
            currencies[i] = entry.currency();
            descriptions[i] = entry.description();
            metadata[i] = METADATA.convertToDatabaseColumn(entry.metadata());
            fingerprints[i] = entry.fingerprint();
            reversals[i] = entry.reversalOf();
            List<EntryLine> lines = entry.lines();
            for (int n = 0; n < lines.size(); n++, l++) {
                lineEntries[l] = entry.id();
                lineNumbers[l] = n;
                lineAccounts[l] = lines.get(n).accountId();
                lineDirections[l] = lines.get(n).direction().wire();
                lineAmounts[l] = lines.get(n).amount();
            }
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(postedAt, ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO journal_entries (id, reference, currency, description, metadata, fingerprint, reversal_of, posted_at)
                SELECT e.id, e.reference, e.currency, e.description, e.metadata::jsonb, e.fingerprint, e.reversal_of, ?
                  FROM unnest(?, ?, ?, ?, ?, ?, ?) AS e (id, reference, currency, description, metadata, fingerprint, reversal_of)""")
                .params(at, text(ids), text(references), text(currencies), text(descriptions), text(metadata), text(fingerprints),
                        text(reversals))
                .update();
        jdbc.sql("""
                INSERT INTO entry_lines (entry_id, line_no, account_id, direction, amount, posted_at)
                SELECT l.entry_id, l.line_no, l.account_id, l.direction, l.amount, ?
                  FROM unnest(?, ?, ?, ?, ?) AS l (entry_id, line_no, account_id, direction, amount)""")
                .params(at, text(lineEntries), new SqlArrayValue("integer", (Object[]) lineNumbers), text(lineAccounts),
                        text(lineDirections), new SqlArrayValue("bigint", (Object[]) lineAmounts))
                .update();
    }

    private static SqlArrayValue text(String[] values) {
        return new SqlArrayValue("text", (Object[]) values);
    }

    private static void pause(int attempt, RuntimeException cause) {
        try {
            Thread.sleep(5L * attempt);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
