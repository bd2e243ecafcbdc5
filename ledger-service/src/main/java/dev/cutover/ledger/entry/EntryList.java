package dev.cutover.ledger.entry;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of journal entries, newest first. */
@ApiResource
@Schema(name = "JournalEntryList")
record EntryList(List<EntryView> data, boolean hasMore) {
}
