/** Personal data at rest: per-user data keys under the master key, field encryption, and crypto-shredding. */
package dev.cutover.identity.pii;
