/** Bean Validation constraints shared by identity's requests. */
package dev.cutover.identity.validation;
