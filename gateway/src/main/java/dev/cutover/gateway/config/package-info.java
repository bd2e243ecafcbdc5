/** Typed settings, their validation at startup (naming the bad environment variable), and the wiring of every feature. */
package dev.cutover.gateway.config;
