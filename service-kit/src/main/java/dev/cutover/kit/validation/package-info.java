/** Bean Validation constraints for the shapes SPEC §1 defines once for every service. */
package dev.cutover.kit.validation;
