/** The JSON dialect of the public API: snake_case, strict binding, millisecond UTC timestamps. */
package dev.cutover.kit.json;
