/** Which side serves a request: domains, caller keys, stable buckets, weights, routing mode and the routes themselves. */
package dev.cutover.gateway.routing;
