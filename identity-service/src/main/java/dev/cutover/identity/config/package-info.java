/** Wiring: security rules and this service's own token verification, problem mapping. */
package dev.cutover.identity.config;
