package dev.cutover.ledger.entry;

import dev.cutover.kit.openapi.ApiResource;
import dev.cutover.ledger.account.Side;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A journal entry as the API shows it. */
@ApiResource
@Schema(name = "JournalEntry")
record EntryView(
        String id,
        String reference,
        @Schema(minLength = 3, maxLength = 3) String currency,
        List<LineView> lines,
        @Nullable String description,
        Map<String, String> metadata,
        Instant postedAt,
        @Nullable String reversalOf) {

    @ApiResource
    @Schema(name = "EntryLine")
    record LineView(String accountId, Side direction, long amount) {
    }

    static EntryView of(JournalEntry entry) {
        return new EntryView(entry.id(), entry.reference(), entry.currency(),
                entry.lines().stream().map(l -> new LineView(l.accountId(), l.direction(), l.amount())).toList(),
                entry.description(), entry.metadata(), entry.postedAt(), entry.reversalOf());
    }
}
