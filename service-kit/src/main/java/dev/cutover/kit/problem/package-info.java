/** RFC 9457 problem responses with the stable codes of the public API. */
package dev.cutover.kit.problem;
