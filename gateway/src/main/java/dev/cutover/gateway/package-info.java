/** Cutover's edge: weighted, sticky migration routing between the legacy monolith and the new services. */
package dev.cutover.gateway;
