package dev.cutover.system.conformance;

import dev.cutover.system.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The public API v1 conformance suite (SPEC §1–§4, cutover-api-v1.yaml), run against the target a subclass names.
 * One instance per class: the fixtures it shares (tokens, a verified payer, charges, accounts) are made once per target.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiConformance implements IdentityConformance, PaymentsConformance, LedgerConformance, ConventionsConformance {

    private Target target;
    private Client api;
    private Fixtures fixtures;

    /** The side under test, out of the suite started once per JVM. */
    abstract Target targetIn(Suite suite);

    @BeforeAll
    void aimAtTheTarget() {
        target = targetIn(Suite.get());
        api = new Client(target);
        fixtures = new Fixtures(api);
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public Client api() {
        return api;
    }

    @Override
    public Fixtures fixtures() {
        return fixtures;
    }
}
