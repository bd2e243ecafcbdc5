package dev.cutover.gateway.control;

import dev.cutover.gateway.routing.Domain;

/**
 * One domain's part of a control API call, as handed to the store.
 *
 * @param previous what the audit entry says the weight was if the store holds no record for the domain
 * @param audit    the audit entry, whose {@code from} the store fills in atomically with the write
 */
public record WeightChange(Domain domain, WeightRecord record, ConfiguredRouting.Configured previous, AuditEntry audit) {
}
