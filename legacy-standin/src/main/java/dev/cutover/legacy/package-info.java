/** A stand-in for the legacy monolith: the public API's shape, canned, for local runs and tests. */
package dev.cutover.legacy;
