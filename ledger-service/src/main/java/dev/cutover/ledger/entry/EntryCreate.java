package dev.cutover.ledger.entry;

import dev.cutover.kit.openapi.ApiRequest;
import dev.cutover.kit.validation.ValidMetadata;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v1/entries}. */
@ApiRequest
record EntryCreate(
        @NotBlank @Size(min = 1, max = 255)
        @Pattern(regexp = "^(?!reversal:).*", message = "must not start with the reserved prefix reversal:")
        String reference,
        @Size(max = 500) String description,
        @NotNull @Size(min = 2, max = 100) List<@NotNull @Valid EntryLineInput> lines,
        @ValidMetadata Map<String, String> metadata) {

    PostingRequest toPosting() {
        return new PostingRequest(reference, description, metadata,
                lines.stream().map(line -> new PostingRequest.Line(line.accountId(), line.direction(), line.amount())).toList());
    }
}
