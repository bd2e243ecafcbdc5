package dev.cutover.ledger.entry;

import dev.cutover.kit.openapi.ApiRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The body of {@code POST /internal/v1/entries/batch}: entries to post, each as {@code POST /api/v1/entries} takes it. */
@ApiRequest
record EntryBatchCreate(@NotNull @Size(min = 1, max = MAX_ENTRIES) List<@NotNull @Valid EntryCreate> entries) {

    static final int MAX_ENTRIES = 500;

    List<PostingRequest> toPostings() {
        return entries.stream().map(EntryCreate::toPosting).toList();
    }
}
