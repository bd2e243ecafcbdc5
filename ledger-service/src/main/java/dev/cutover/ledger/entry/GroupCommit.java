package dev.cutover.ledger.entry;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gathers the postings that arrive while others are being written into batches, so that under load many
 * postings share one database transaction and one commit, and the accounts they share are locked and
 * updated once per batch instead of once per posting. Alone, a posting is written at once in a batch of
 * one: batching costs no latency, it only appears when postings queue anyway.
 *
 * <p>Each posting's outcome is its own (see {@link JournalWriter}); a batch that fails as a whole (the
 * database is unreachable, say) fails every posting in it with that error, and nothing of it is written.
 */
@Component
class GroupCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Far longer than any batch takes (the connection pool gives up after 5 s); a bound, not an expectation. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** Writes a batch of postings and answers one outcome per posting, in order ({@link JournalWriter}). */
    @FunctionalInterface
    interface Writer {
        List<JournalWriter.Outcome> write(List<JournalWriter.Item> items);
    }

    private final Writer writer;
    private final int batchSize;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> committers = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private volatile boolean closing;

    GroupCommit(Writer writer, PostingProperties properties, MeterRegistry meters) {
        this.writer = writer;
        this.batchSize = properties.batchSize();
        this.queue = new ArrayBlockingQueue<>(properties.backlog());
        this.batchSizes = DistributionSummary.builder("ledger.posting.batch.size")
                .description("Postings written per database transaction")
                .publishPercentileHistogram(false)
                .register(meters);
        for (int i = 0; i < properties.committers(); i++) {
            committers.add(Thread.ofVirtual().name("ledger-committer-" + i).start(this::commitUntilClosed));
        }
    }

    private record Pending(JournalWriter.Item item, CompletableFuture<JournalWriter.Outcome> outcome) {
    }

    /** Writes the posting with whatever else is waiting, and returns its outcome once its batch has committed. */
    JournalWriter.Outcome post(JournalWriter.Item item) {
        Pending pending = new Pending(item, new CompletableFuture<>());
        if (closing || !queue.offer(pending)) {
            throw new EntryFacts.PostingBacklog(RETRY_AFTER);
        }
        try {
            return pending.outcome().get(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException failed) {
            throw rethrown(failed.getCause());
        } catch (TimeoutException slow) {
            // still queued: taken out, never written; already taken by a committer: it may be written,
            // and a retry under the same reference replays it
            queue.remove(pending);
            throw new EntryFacts.PostingBacklog(RETRY_AFTER);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new EntryFacts.PostingBacklog(RETRY_AFTER);
        }
    }

    /** How many postings wait for a committer. */
    int queued() {
        return queue.size();
    }

    private void commitUntilClosed() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                commit(batch);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        batchSizes.record(batch.size());
        try {
            List<JournalWriter.Outcome> outcomes = writer.write(batch.stream().map(Pending::item).toList());
            for (int i = 0; i < batch.size(); i++) {
                if (outcomes.get(i) instanceof JournalWriter.Failed failed) {
                    batch.get(i).outcome().completeExceptionally(failed.cause());
                } else {
                    batch.get(i).outcome().complete(outcomes.get(i));
                }
            }
        } catch (RuntimeException | Error failure) {
            batch.forEach(pending -> pending.outcome().completeExceptionally(failure));
        }
    }

    /** Lets the committers write what is queued, then stops them; runs after the web server has drained its requests. */
    @Override
    public void destroy() throws InterruptedException {
        closing = true;
        for (Thread committer : committers) {
            committer.join(LONGEST_WAIT.toMillis());
        }
        List<Pending> stranded = new ArrayList<>();
        queue.drainTo(stranded);
        if (!stranded.isEmpty()) {
            log.warn("{} postings were still queued at shutdown; they are answered 503 and were not written", stranded.size());
            stranded.forEach(pending -> pending.outcome().completeExceptionally(new EntryFacts.PostingBacklog(RETRY_AFTER)));
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }
}
