package dev.cutover.system.conformance;

import dev.cutover.system.Suite;

/** The new services, each on its own URL, without a gateway: the reference behaviour. */
class NewServicesConformanceIT extends ApiConformance {

    @Override
    Target targetIn(Suite suite) {
        return Target.direct("new services", suite.identityUrl(), suite.paymentsUrl(), suite.ledgerUrl(), "new");
    }
}
