package dev.cutover.ledger.entry;

import dev.cutover.kit.openapi.ApiResource;
import dev.cutover.kit.problem.ProblemException;
import dev.cutover.kit.problem.Problems;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What became of each entry of a batch, in the order they were sent. */
@ApiResource
@Schema(name = "EntryBatchResult")
record EntryBatchResult(List<Item> data) {

    /**
     * One entry's outcome: the status and body that {@code POST /api/v1/entries} would have answered for it
     * alone — {@code 201} with the entry ({@code replayed} when its reference had been posted before with the
     * same content), or a {@code 4xx} with its problem.
     */
    @ApiResource
    @Schema(name = "EntryBatchItem")
    record Item(@Schema(format = "int32") int status, boolean replayed, @Nullable EntryView entry,
            @Nullable @Schema(ref = "#/components/schemas/Problem") Map<String, Object> problem) {
    }

    static EntryBatchResult of(List<JournalWriter.Outcome> outcomes) {
        return new EntryBatchResult(outcomes.stream().map(EntryBatchResult::item).toList());
    }

    private static Item item(JournalWriter.Outcome outcome) {
        return switch (outcome) {
            case Posting.Posted posted -> new Item(201, posted.replayed(), EntryView.of(posted.entry()), null);
            case JournalWriter.Refused refused -> new Item(refused.reason().code().status(), false, null, problem(refused.reason()));
            case JournalWriter.Failed failed -> throw failed.cause();
        };
    }

    /** The problem object as a problem response would carry it. */
    private static Map<String, Object> problem(ProblemException fact) {
        ProblemDetail detail = Problems.of(fact.code(), fact.getMessage(), fact.violations(), fact.extensions());
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", detail.getType().toString());
        problem.put("title", detail.getTitle());
        problem.put("status", detail.getStatus());
        problem.put("detail", detail.getDetail());
        if (detail.getProperties() != null) {
            problem.putAll(detail.getProperties());
        }
        return problem;
    }
}
