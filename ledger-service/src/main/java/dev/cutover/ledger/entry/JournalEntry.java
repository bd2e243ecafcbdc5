package dev.cutover.ledger.entry;

import dev.cutover.contracts.id.IdPrefix;
import dev.cutover.kit.persistence.AssignedId;
import dev.cutover.kit.persistence.MetadataColumn;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A posted journal entry: balanced lines in one currency, written once and never changed. The database
 * refuses updates and deletes; this class offers none.
 */
@Entity
@Immutable
@Table(name = "journal_entries")
public class JournalEntry extends AssignedId {

    @Id
    private String id;

    private String reference;

    private String currency;

    private String description;

    @Convert(converter = MetadataColumn.class)
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private Map<String, String> metadata;

    /** The hash of what was posted, to tell a replay of this reference from a different entry reusing it. */
    private String fingerprint;

    @Column(name = "reversal_of")
    private String reversalOf;

    @Column(name = "posted_at")
    private Instant postedAt;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "entry_lines", joinColumns = @JoinColumn(name = "entry_id"))
    @OrderColumn(name = "line_no")
    @BatchSize(size = 100)
    private List<EntryLine> lines = new ArrayList<>();

    protected JournalEntry() {
        // for JPA
    }

    /** A new entry for {@code request}, whose {@link PostingRequest#fingerprint() fingerprint} the caller has already computed. */
    JournalEntry(PostingRequest request, String fingerprint, String currency, String reversalOf, Instant postedAt) {
        this.id = IdPrefix.JOURNAL_ENTRY.newId();
        this.reference = request.reference();
        this.currency = currency;
        this.description = request.description();
        this.metadata = request.metadata();
        this.fingerprint = fingerprint;
        this.reversalOf = reversalOf;
        this.postedAt = postedAt;
        for (PostingRequest.Line line : request.lines()) {
            lines.add(new EntryLine(line.accountId(), line.direction(), line.amount(), postedAt));
        }
    }

    /** The request that posts the mirror of this entry: every line on the opposite side. */
    PostingRequest mirror() {
        List<PostingRequest.Line> mirrored = lines.stream()
                .map(line -> new PostingRequest.Line(line.accountId(), line.direction().opposite(), line.amount()))
                .toList();
        return new PostingRequest(reversalReference(id), "Reversal of " + id, Map.of(), mirrored);
    }

    /** The reference under which the reversal of {@code entryId} is posted; one reversal per entry. */
    static String reversalReference(String entryId) {
        return "reversal:" + entryId;
    }

    boolean isReversal() {
        return reversalOf != null;
    }

    boolean touches(Set<String> accountIds) {
        return lines.stream().anyMatch(line -> accountIds.contains(line.accountId()));
    }

    Set<String> accountIds() {
        Set<String> ids = new TreeSet<>();
        lines.forEach(line -> ids.add(line.accountId()));
        return ids;
    }

    @Override
    public String id() {
        return id;
    }

    public String reference() {
        return reference;
    }

    public String currency() {
        return currency;
    }

    public String description() {
        return description;
    }

    public Map<String, String> metadata() {
        return metadata == null ? Map.of() : Collections.unmodifiableMap(metadata);
    }

    String fingerprint() {
        return fingerprint;
    }

    public String reversalOf() {
        return reversalOf;
    }

    public Instant postedAt() {
        return postedAt;
    }

    public List<EntryLine> lines() {
        return Collections.unmodifiableList(lines);
    }
}
