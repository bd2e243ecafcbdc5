/** Ops and service clients of the client_credentials grant: seeded from configuration, secrets kept only hashed. */
package dev.cutover.identity.client;
