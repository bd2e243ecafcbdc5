/** What an access token says: claims, scopes and lifetime, shared by the issuer and every verifier. */
package dev.cutover.contracts.auth;
