package dev.cutover.system.conformance;

import io.restassured.specification.RequestSpecification;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.cutover.system.conformance.Expect.json;
import static dev.cutover.system.conformance.Representations.hasMore;
import static dev.cutover.system.conformance.Representations.ids;
import static dev.cutover.system.conformance.Representations.page;
import static org.assertj.core.api.Assertions.assertThat;

/** Keyset pagination as every list of the contract has it: newest first, {@code limit}, {@code has_more}, {@code starting_after}. */
final class Pages {

    private Pages() {
    }

    /** The order of every list: newest first by {@code created_at} (or {@code posted_at}), ties by id, descending. */
    static List<Map<String, Object>> newestFirst(List<Map<String, Object>> items, String timeKey) {
        return items.stream().sorted(Comparator.<Map<String, Object>, String>comparing(item -> (String) item.get(timeKey))
                .thenComparing(item -> (String) item.get("id")).reversed()).toList();
    }

    static List<Map<String, Object>> newestFirst(List<Map<String, Object>> items) {
        return newestFirst(items, "created_at");
    }

    /**
     * A list holding exactly {@code expected} (three ids, newest first) pages as the contract says: all three with the
     * default limit, then two and one with {@code limit=2}, {@code has_more} true then false, the second page starting
     * after the last id of the first.
     */
    static void assertPaged(Supplier<RequestSpecification> request, String path, Map<String, ?> filter, List<String> expected) {
        assertThat(expected).hasSize(3);
        Map<String, Object> all = json(request.get().queryParams(filter).get(path), 200);
        assertThat(ids(page(all, item -> item))).isEqualTo(expected);
        assertThat(hasMore(all)).isFalse();

        Map<String, Object> first = json(request.get().queryParams(filter).queryParam("limit", 2).get(path), 200);
        assertThat(ids(page(first, item -> item))).isEqualTo(expected.subList(0, 2));
        assertThat(hasMore(first)).as("has_more of the first page").isTrue();

        Map<String, Object> second = json(request.get().queryParams(filter).queryParam("limit", 2)
                .queryParam("starting_after", expected.get(1)).get(path), 200);
        assertThat(ids(page(second, item -> item))).isEqualTo(expected.subList(2, 3));
        assertThat(hasMore(second)).as("has_more of the last page").isFalse();
    }
}
