/** What every request meets at the door: request ids, body limits, token verification, caller keys, rate limits, the X-Upstream header. */
package dev.cutover.gateway.edge;
