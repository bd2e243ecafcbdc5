/** Money on the wire: integer minor units and the configured ISO 4217 currencies. */
package dev.cutover.contracts.money;
