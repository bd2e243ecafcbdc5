/** The public API v1 contract shared by every Cutover service: codes, shapes and rules, no behaviour. */
package dev.cutover.contracts;
