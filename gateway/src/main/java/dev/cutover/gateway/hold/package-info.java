/** Read-your-writes across a switch: a moved caller's request waits until the sync has brought their writes over. */
package dev.cutover.gateway.hold;
