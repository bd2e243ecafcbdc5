/** RFC 9457 problem responses with Cutover's stable codes, for everything the gateway answers itself. */
package dev.cutover.gateway.problem;
