package dev.cutover.ledger.entry;

import dev.cutover.kit.problem.ProblemException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * Posts journal entries: exactly once per reference, balanced, in one currency, never taking a guarded
 * account below zero, all or nothing per entry. Single postings are gathered with the ones arriving at the
 * same time ({@link GroupCommit}); a batch from one caller is written in order, in transactions of at most
 * {@link PostingProperties#batchSize()} postings. Either way {@link JournalWriter} decides each posting as if
 * it had been posted alone.
 */
@Service
public class Posting {

    private final GroupCommit groupCommit;
    private final JournalWriter writer;
    private final Entries entries;
    private final int batchSize;

    Posting(GroupCommit groupCommit, JournalWriter writer, Entries entries, PostingProperties properties) {
        this.groupCommit = groupCommit;
        this.writer = writer;
        this.entries = entries;
        this.batchSize = properties.batchSize();
    }

    /** The posted entry, and whether it had been posted before under this reference. */
    public record Posted(JournalEntry entry, boolean replayed) implements JournalWriter.Outcome {
    }

    /** Posts one entry, or throws the fact that refused it. */
    Posted post(PostingRequest request) {
        return posted(groupCommit.post(JournalWriter.Item.of(request)));
    }

    /** Posts each entry as if alone, in order; one outcome per request. */
    List<JournalWriter.Outcome> postAll(List<PostingRequest> requests) {
        List<JournalWriter.Outcome> outcomes = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += batchSize) {
            List<JournalWriter.Item> chunk = requests.subList(from, Math.min(requests.size(), from + batchSize)).stream()
                    .map(JournalWriter.Item::of)
                    .toList();
            List<JournalWriter.Outcome> written = writer.write(chunk);
            for (JournalWriter.Outcome outcome : written) {
                if (outcome instanceof JournalWriter.Failed failed) {
                    // the entries before it are posted: a retry of the whole batch replays them
                    throw failed.cause();
                }
            }
            outcomes.addAll(written);
        }
        return outcomes;
    }

    /** Posts the mirror of an entry, once. */
    JournalEntry reverse(String entryId) {
        JournalEntry original = original(entryId);
        if (original.isReversal()) {
            throw new EntryFacts.AlreadyReversed(entryId, "is itself a reversal");
        }
        Posted posted = posted(writer.write(List.of(new JournalWriter.Item(original.mirror(), original.id()))).getFirst());
        if (posted.replayed()) {
            throw new EntryFacts.AlreadyReversed(entryId, "was already reversed by " + posted.entry().id());
        }
        return posted.entry();
    }

    JournalEntry original(String entryId) {
        return entries.findById(entryId).orElseThrow(() -> ProblemException.notFound("entry"));
    }

    private static Posted posted(JournalWriter.Outcome outcome) {
        return switch (outcome) {
            case Posted posted -> posted;
            case JournalWriter.Refused refused -> throw refused.reason();
            case JournalWriter.Failed failed -> throw failed.cause();
        };
    }
}
