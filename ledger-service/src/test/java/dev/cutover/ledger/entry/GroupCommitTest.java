package dev.cutover.ledger.entry;

import dev.cutover.kit.problem.RetryAfterProblem;
import dev.cutover.ledger.account.Side;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How single postings are gathered into batches, with a writer that records what it was given. */
class GroupCommitTest {

    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch writing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private GroupCommit commit;

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        if (commit != null) {
            commit.destroy();
        }
    }

    @Test
    void aLonePostingIsWrittenAtOnceInABatchOfOne() {
        commit = groupCommit(4, 100, 10, recordingWriter(false));

        JournalWriter.Outcome outcome = commit.post(item("a"));

        assertThat(outcome).isInstanceOfSatisfying(Posting.Posted.class, posted -> assertThat(posted.entry().reference()).isEqualTo("a"));
        assertThat(batches).containsExactly(List.of("a"));
    }

    @Test
    void postingsArrivingWhileABatchIsWrittenShareTheNextBatchInOrderOfArrival() throws Exception {
        commit = groupCommit(1, 100, 100, recordingWriter(true));
        CompletableFuture<JournalWriter.Outcome> first = CompletableFuture.supplyAsync(() -> commit.post(item("first")));
        List<CompletableFuture<JournalWriter.Outcome>> later = postWhileTheFirstIsWritten(10);

        release.countDown();

        first.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<JournalWriter.Outcome> posting : later) {
            assertThat(posting.get(5, TimeUnit.SECONDS)).isInstanceOf(Posting.Posted.class);
        }
        assertThat(batches).hasSize(2);
        assertThat(batches.get(0)).containsExactly("first");
        assertThat(batches.get(1)).containsExactly("later-0", "later-1", "later-2", "later-3", "later-4", "later-5", "later-6",
                "later-7", "later-8", "later-9");
    }

    @Test
    void aBatchNeverHoldsMoreThanTheBatchSize() throws Exception {
        commit = groupCommit(1, 3, 100, recordingWriter(true));
        CompletableFuture<JournalWriter.Outcome> first = CompletableFuture.supplyAsync(() -> commit.post(item("first")));
        List<CompletableFuture<JournalWriter.Outcome>> later = postWhileTheFirstIsWritten(7);

        release.countDown();

        first.get(5, TimeUnit.SECONDS);
        for (CompletableFuture<JournalWriter.Outcome> posting : later) {
            posting.get(5, TimeUnit.SECONDS);
        }
        assertThat(batches).extracting(List::size).containsExactly(1, 3, 3, 1);
    }

    @Test
    void aBatchThatFailsAsAWholeFailsEachOfItsPostingsWithThatError() {
        IllegalStateException databaseDown = new IllegalStateException("no connection");
        commit = groupCommit(1, 100, 10, items -> {
            throw databaseDown;
        });

        assertThatThrownBy(() -> commit.post(item("a"))).isSameAs(databaseDown);
    }

    @Test
    void aPostingTheDatabaseRefusedFailsAloneWhileTheOthersOfItsBatchSucceed() {
        IllegalStateException refused = new IllegalStateException("refused by a trigger");
        commit = groupCommit(1, 100, 10, items -> items.stream()
                .<JournalWriter.Outcome>map(item -> item.request().reference().equals("poisoned")
                        ? new JournalWriter.Failed(refused) : posted(item))
                .toList());

        assertThat(commit.post(item("fine"))).isInstanceOf(Posting.Posted.class);
        assertThatThrownBy(() -> commit.post(item("poisoned"))).isSameAs(refused);
    }

    @Test
    void aFullBacklogIsAnswered503WithRetryAfterInsteadOfQueueingWithoutBound() throws Exception {
        commit = groupCommit(1, 1, 1, recordingWriter(true));
        CompletableFuture.runAsync(() -> commit.post(item("being-written")));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.runAsync(() -> commit.post(item("waiting")));
        awaitQueued(1);

        assertThatThrownBy(() -> commit.post(item("one-too-many")))
                .isInstanceOfSatisfying(RetryAfterProblem.class, problem -> {
                    assertThat(problem.code().status()).isEqualTo(503);
                    assertThat(problem.retryAfterSeconds()).isPositive();
                });
    }

    @Test
    void closingWritesWhatIsQueuedBeforeTheCommittersStop() throws Exception {
        commit = groupCommit(1, 100, 100, recordingWriter(true));
        CompletableFuture<JournalWriter.Outcome> first = CompletableFuture.supplyAsync(() -> commit.post(item("first")));
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<JournalWriter.Outcome> queued = CompletableFuture.supplyAsync(() -> commit.post(item("queued")));
        awaitQueued(1);

        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                commit.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        release.countDown();
        closing.get(5, TimeUnit.SECONDS);

        assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(Posting.Posted.class);
        assertThat(queued.get(5, TimeUnit.SECONDS)).isInstanceOf(Posting.Posted.class);
        assertThatThrownBy(() -> commit.post(item("after-close"))).isInstanceOf(RetryAfterProblem.class);
        commit = null;
    }

    private GroupCommit groupCommit(int committers, int batchSize, int backlog, GroupCommit.Writer writer) {
        return new GroupCommit(writer, new PostingProperties(committers, batchSize, backlog), new SimpleMeterRegistry());
    }

    /** Records each batch's references; when {@code hold}, the first batch waits until the test releases it. */
    private GroupCommit.Writer recordingWriter(boolean hold) {
        return items -> {
            batches.add(items.stream().map(item -> item.request().reference()).toList());
            if (hold && batches.size() == 1) {
                writing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return items.stream().<JournalWriter.Outcome>map(GroupCommitTest::posted).toList();
        };
    }

    /** Once the first posting is being written, posts {@code count} more ("later-0"…), each queued before the next. */
    private List<CompletableFuture<JournalWriter.Outcome>> postWhileTheFirstIsWritten(int count) throws InterruptedException {
        assertThat(writing.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<JournalWriter.Outcome>> later = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String reference = "later-" + i;
            later.add(CompletableFuture.supplyAsync(() -> commit.post(item(reference))));
            awaitQueued(i + 1);
        }
        return later;
    }

    private void awaitQueued(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (commit.queued() < count) {
            assertThat(System.nanoTime()).as("%d postings queued in time", count).isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static JournalWriter.Item item(String reference) {
        return JournalWriter.Item.of(new PostingRequest(reference, null, Map.of(), List.of(
                new PostingRequest.Line("acc_a", Side.DEBIT, 1), new PostingRequest.Line("acc_b", Side.CREDIT, 1))));
    }

    private static Posting.Posted posted(JournalWriter.Item item) {
        PostingRequest request = item.request();
        return new Posting.Posted(new JournalEntry(request, request.fingerprint(), "USD", null, java.time.Instant.EPOCH), false);
    }
}
