/** Cryptographic building blocks: the master key from outside the database, AES-GCM sealing, password hashing. */
package dev.cutover.identity.crypto;
