package dev.cutover.ledger.entry;

import dev.cutover.kit.problem.ProblemException;
import dev.cutover.ledger.account.Account;
import dev.cutover.ledger.account.Accounts;
import dev.cutover.ledger.account.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Posts journal entries: exactly once per reference, balanced, in one currency, never taking a guarded
 * account below zero, all or nothing.
 *
 * <p>Concurrency: postings of one reference queue on a transaction-scoped advisory lock, so the second
 * finds the first and replays it; postings touching the same accounts lock those rows in id order, so
 * they queue instead of deadlocking, and each sees the balances the previous one left. Should the
 * database still report a lock failure, the whole posting is retried a few times before it surfaces.
 */
@Service
public class Posting {

    private static final Logger log = LoggerFactory.getLogger(Posting.class);
    private static final int ATTEMPTS = 4;

    private final Accounts accounts;
    private final Entries entries;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Posting(Accounts accounts, Entries entries, JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.accounts = accounts;
        this.entries = entries;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The posted entry, and whether it had been posted before under this reference. */
    public record Posted(JournalEntry entry, boolean replayed) {
    }

    Posted post(PostingRequest request) {
        if (!request.isBalanced()) {
            throw new EntryFacts.UnbalancedEntry(request.total(Side.DEBIT), request.total(Side.CREDIT));
        }
        return withRetries(() -> transactions.execute(status -> postInTransaction(request, null)));
    }

    JournalEntry reverse(String entryId) {
        return withRetries(() -> transactions.execute(status -> {
            JournalEntry original = entries.findById(entryId).orElseThrow(() -> ProblemException.notFound("entry"));
            if (original.isReversal()) {
                throw new EntryFacts.AlreadyReversed(entryId, "is itself a reversal");
            }
            Posted posted = postInTransaction(original.mirror(), original.id());
            if (posted.replayed()) {
                throw new EntryFacts.AlreadyReversed(entryId, "was already reversed by " + posted.entry().id());
            }
            return posted.entry();
        }));
    }

    private Posted postInTransaction(PostingRequest request, String reversalOf) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:reference, 0))")
                .param("reference", request.reference())
                .query((rs, row) -> null).list();

        var existing = entries.findByReference(request.reference());
        if (existing.isPresent()) {
            if (!existing.get().fingerprint().equals(request.fingerprint())) {
                throw new EntryFacts.ReferenceReused();
            }
            return new Posted(existing.get(), true);
        }

        Map<String, Account> locked = lockAccounts(request);
        String currency = currencyOf(request, locked);

        Map<String, long[]> effect = new LinkedHashMap<>();
        for (PostingRequest.Line line : request.lines()) {
            long[] totals = effect.computeIfAbsent(line.accountId(), id -> new long[2]);
            totals[line.direction() == Side.DEBIT ? 0 : 1] += line.amount();
        }
        effect.forEach((accountId, totals) -> {
            if (locked.get(accountId).wouldGoNegative(totals[0], totals[1])) {
                throw new EntryFacts.InsufficientFunds(accountId);
            }
        });
        effect.forEach((accountId, totals) -> locked.get(accountId).record(totals[0], totals[1]));

        Instant postedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Posted(entries.save(new JournalEntry(request, currency, reversalOf, postedAt)), false);
    }

    private Map<String, Account> lockAccounts(PostingRequest request) {
        TreeSet<String> ids = new TreeSet<>();
        request.lines().forEach(line -> ids.add(line.accountId()));
        Map<String, Account> locked = new LinkedHashMap<>();
        for (Account account : accounts.lockInIdOrder(ids)) {
            locked.put(account.id(), account);
        }
        List<PostingRequest.Line> lines = request.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (!locked.containsKey(lines.get(i).accountId())) {
                throw new EntryFacts.UnknownAccount(i, lines.get(i).accountId());
            }
        }
        return locked;
    }

    private static String currencyOf(PostingRequest request, Map<String, Account> accounts) {
        List<String> currencies = new ArrayList<>();
        for (PostingRequest.Line line : request.lines()) {
            String currency = accounts.get(line.accountId()).currency();
            if (!currencies.contains(currency)) {
                currencies.add(currency);
            }
        }
        if (currencies.size() > 1) {
            throw new EntryFacts.CurrencyMismatch(currencies);
        }
        return currencies.getFirst();
    }

    private static <T> T withRetries(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (PessimisticLockingFailureException contention) {
                if (attempt == ATTEMPTS) {
                    throw contention;
                }
                log.warn("Posting hit {} (attempt {} of {}); retrying", contention.getClass().getSimpleName(), attempt, ATTEMPTS);
                try {
                    Thread.sleep(5L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw contention;
                }
            }
        }
    }
}
