package dev.cutover.system.conformance;

import dev.cutover.system.Suite;

/** Through the second gateway, every domain at weight 0: every caller is served by the legacy monolith. */
class GatewayAtWeight0ConformanceIT extends ApiConformance {

    @Override
    Target targetIn(Suite suite) {
        return Target.single("gateway at weight 0", suite.legacyGatewayUrl(), true, "legacy");
    }
}
