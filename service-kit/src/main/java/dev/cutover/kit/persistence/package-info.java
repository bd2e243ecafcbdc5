/** JPA mappings of the shapes SPEC §1 defines for every service. */
package dev.cutover.kit.persistence;
