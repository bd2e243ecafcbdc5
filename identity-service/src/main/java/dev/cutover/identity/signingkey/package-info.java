/** Token signing keys: stored encrypted and shared by replicas, rotated, and published as the JWKS. */
package dev.cutover.identity.signingkey;
