/** HTTP header names of the public API. */
package dev.cutover.contracts.http;
