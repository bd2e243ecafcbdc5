package dev.cutover.system.conformance;

import dev.cutover.system.Suite;

/** Through the gateway with every domain at weight 100: every caller is served by the new services. */
class GatewayAtWeight100ConformanceIT extends ApiConformance {

    @Override
    Target targetIn(Suite suite) {
        return Target.single("gateway at weight 100", suite.gatewayUrl(), true, "new");
    }
}
