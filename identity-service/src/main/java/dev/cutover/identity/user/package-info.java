/** Users: sign-up, who may see whom, credentials, and the KYC status every payment depends on. */
package dev.cutover.identity.user;
