package dev.cutover.load;

import io.gatling.javaapi.core.Assertion;

import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

/**
 * What makes a run fail (and so the Maven build, or the smoke test): no request at all, or an error in a measured
 * window. Warm-ups may fail: a cold suite answering 503 while its breakers settle is worth seeing in the report,
 * but it is not what the targets are about.
 */
final class RunAssertions {

    private RunAssertions() {
    }

    /**
     * A ladder is meant to find where errors start, so there only an empty run fails; every other plan must
     * answer every measured request as expected. {@code -DallowErrors=true} reports instead of failing.
     */
    static List<Assertion> forPlan(Windows.Plan plan, WindowLog log) {
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().allRequests().count().gt(0L));
        if (!plan.ladder() && !Knobs.flag("allowErrors", false)) {
            log.measuredWindows().forEach(name -> assertions.add(details(name).failedRequests().count().is(0L)));
        }
        return assertions;
    }
}
