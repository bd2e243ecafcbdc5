/** Bearer-token resource server: who is calling, with which scopes, and the 401/403 answers. */
package dev.cutover.kit.security;
