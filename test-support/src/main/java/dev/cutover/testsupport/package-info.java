/** The harness every module's tests share: a real Postgres per run, test tokens with their JWKS, the contract diff. */
package dev.cutover.testsupport;
