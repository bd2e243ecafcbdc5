package dev.cutover.ledger.entry;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How single postings are gathered into batches ({@link GroupCommit}).
 *
 * @param committers how many batches may be written at once, each in its own database transaction
 *                   ({@code LEDGER_POSTING_COMMITTERS}); fewer than the connection pool, which also serves reads
 * @param batchSize  the most postings one batch writes ({@code LEDGER_POSTING_BATCH_SIZE})
 * @param backlog    the most postings waiting for a committer; beyond it a posting is answered 503 with
 *                   {@code Retry-After} instead of queueing without bound ({@code LEDGER_POSTING_BACKLOG})
 */
@ConfigurationProperties("cutover.ledger.posting")
record PostingProperties(@DefaultValue("4") int committers, @DefaultValue("100") int batchSize,
        @DefaultValue("1000") int backlog) {

    PostingProperties {
        if (committers < 1 || committers > 64) {
            throw new IllegalArgumentException("LEDGER_POSTING_COMMITTERS (cutover.ledger.posting.committers) must be 1 to 64, but was "
                    + committers);
        }
        if (batchSize < 1 || batchSize > EntryBatchCreate.MAX_ENTRIES) {
            throw new IllegalArgumentException("LEDGER_POSTING_BATCH_SIZE (cutover.ledger.posting.batch-size) must be 1 to "
                    + EntryBatchCreate.MAX_ENTRIES + ", but was " + batchSize);
        }
        if (backlog < 1) {
            throw new IllegalArgumentException("LEDGER_POSTING_BACKLOG (cutover.ledger.posting.backlog) must be at least 1, but was "
                    + backlog);
        }
    }
}
