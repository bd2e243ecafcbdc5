package dev.cutover.system.conformance;

import dev.cutover.system.Suite;

/** The legacy Django monolith directly: every domain on its one URL. */
class LegacyConformanceIT extends ApiConformance {

    @Override
    Target targetIn(Suite suite) {
        return Target.single("legacy monolith", suite.legacy().baseUrl(), false, "legacy");
    }
}
