package dev.cutover.system.conformance;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Remembers which request produced each response, so a failed assertion can say "POST /api/v1/refunds {…} → 500 {…}"
 * instead of only the value it did not like. Bearer tokens are not part of the description.
 */
final class Exchanges implements Filter {

    static final Exchanges RECORDER = new Exchanges();
    private static final int MAX_BODY = 1_500;

    /** Responses have identity equality, so a weak map keyed by them forgets a response once the test drops it. */
    private final Map<Response, String> requests = Collections.synchronizedMap(new WeakHashMap<>());

    private Exchanges() {
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
            FilterContext context) {
        Response response = context.next(request, responseSpec);
        StringBuilder line = new StringBuilder(request.getMethod()).append(' ').append(request.getURI());
        Object body = request.getBody();
        if (body != null) {
            line.append(' ').append(shortened(String.valueOf(body)));
        } else if (!request.getFormParams().isEmpty()) {
            line.append(" form ").append(request.getFormParams().keySet());
        }
        requests.put(response, line.toString());
        return response;
    }

    /** The request and the response, for an assertion's description. */
    static String describe(Response response) {
        String request = RECORDER.requests.getOrDefault(response, "(request not recorded)");
        return request + "\n  → " + response.statusCode() + " " + response.contentType() + " " + shortened(response.asString());
    }

    private static String shortened(String text) {
        return text.length() <= MAX_BODY ? text : text.substring(0, MAX_BODY) + "…";
    }
}
