package dev.cutover.gateway.control;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON the shared store keeps, written field by field so that its shape never depends on how a mapper
 * happens to be configured. Replicas of different versions read each other's records during a rollout, so
 * unknown fields are ignored and fields are only ever added.
 */
final class StoredJson {

    private final JsonMapper json;

    StoredJson(JsonMapper json) {
        this.json = json;
    }

    String write(WeightRecord record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("weight", record.weight());
        fields.put("source", record.source().value());
        fields.put("changed_by", record.changedBy());
        fields.put("changed_at", record.changedAt().toString());
        fields.put("reason", record.reason());
        return json.writeValueAsString(fields);
    }

    WeightRecord readRecord(String stored) {
        JsonNode node = json.readTree(stored);
        return new WeightRecord(node.get("weight").asInt(),
                WeightSource.fromValue(node.get("source").asString()).orElseThrow(),
                node.get("changed_by").asString(), Instant.parse(node.get("changed_at").asString()),
                node.get("reason").asString());
    }

    String write(AuditEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("at", entry.at().toString());
        fields.put("actor", entry.actor());
        fields.put("action", entry.action());
        fields.put("domain", entry.domain());
        fields.put("from", entry.from());
        fields.put("from_source", entry.fromSource());
        fields.put("to", entry.to());
        fields.put("to_source", entry.toSource());
        fields.put("reason", entry.reason());
        fields.put("request_id", entry.requestId());
        return json.writeValueAsString(fields);
    }

    AuditEntry readAudit(String stored) {
        JsonNode node = json.readTree(stored);
        return new AuditEntry(Instant.parse(text(node, "at")), text(node, "actor"), text(node, "action"),
                text(node, "domain"), node.path("from").asInt(), text(node, "from_source"), node.path("to").asInt(),
                text(node, "to_source"), text(node, "reason"), text(node, "request_id"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
