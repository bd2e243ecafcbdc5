/** The token endpoint: password, refresh-token and client-credentials grants, refresh-token families, login throttling. */
package dev.cutover.identity.token;
