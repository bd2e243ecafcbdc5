package dev.cutover.system.conformance;

/**
 * What every part of the suite works with: the target under test, a client of it, and the fixtures shared by the tests
 * of one class. {@link ApiConformance} provides them; the parts ({@link IdentityConformance}, …) are interfaces whose
 * default methods are the tests, so the suite is written once and each target class runs all of it.
 */
interface Conformance {

    Target target();

    Client api();

    Fixtures fixtures();
}
