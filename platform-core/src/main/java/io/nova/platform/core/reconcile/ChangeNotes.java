package io.nova.platform.core.reconcile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import io.nova.platform.core.audit.AuditAction;
import io.nova.platform.core.audit.AuditEntry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the audit events a delivery carries out into its {@link ChangeNote}: a first line such as
 * {@code team-a: jupyterhub values changed; mlflow enabled (alice)}, one detail line per event with its id, and the
 * author when one person asked for everything. Only what the events themselves say is used (their target and the
 * fields that differ between before and after); never a value, so no secret a value might hold reaches a commit.
 */
final class ChangeNotes {

    /** A first line longer than this names the first changes and counts the rest. */
    static final int SUMMARY_LENGTH = 120;
    /** The actor of the platform's own changes (start-up), which names no author. */
    static final String SYSTEM = "system";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ChangeNotes() {
    }

    /** The note of a delivery of {@code events}; {@code fallback} when there are none. */
    static ChangeNote of(List<AuditEntry> events, String fallback, String suffix) {
        if (events.isEmpty()) {
            return ChangeNote.of(fallback);
        }
        // what each person did in each tenant (or the cluster), in the order the events happened
        var groups = new LinkedHashMap<Group, List<String>>();
        var details = new ArrayList<String>();
        var actors = new java.util.LinkedHashMap<String, String>();
        for (AuditEntry event : events) {
            String scope = scope(event.target());
            String what = describe(event);
            // by the name people know, not the token subject (a UUID for many providers)
            actors.putIfAbsent(event.actor(), event.actorName());
            groups.computeIfAbsent(new Group(scope, event.actorName()), key -> new ArrayList<>()).add(what);
            details.add("%s: %s (%s, audit %d)".formatted(scope, what, event.actorName(), event.id()));
        }
        var segments = new ArrayList<String>();
        groups.forEach((group, whats) -> segments.add("%s: %s (%s)".formatted(group.scope(),
                String.join("; ", new LinkedHashSet<>(whats)), group.actor())));
        String author = actors.size() == 1 && !SYSTEM.equals(actors.keySet().iterator().next())
                ? actors.values().iterator().next() : null;
        return new ChangeNote(summary(segments) + suffix, details, events.stream().map(AuditEntry::id).toList(),
                author);
    }

    private record Group(String scope, String actor) {
    }

    private static String summary(List<String> segments) {
        var summary = new StringBuilder();
        Iterator<String> it = segments.iterator();
        int named = 0;
        while (it.hasNext()) {
            String segment = it.next();
            String joined = summary.isEmpty() ? segment : summary + "; " + segment;
            if (named > 0 && joined.length() > SUMMARY_LENGTH) {
                break;
            }
            summary.setLength(0);
            summary.append(joined);
            named++;
        }
        int rest = segments.size() - named;
        return rest == 0 ? summary.toString() : summary + "; and %d more".formatted(rest);
    }

    /** {@code team-a} for a tenant's targets, {@code cluster} for the cluster's own. */
    private static String scope(String target) {
        String[] parts = target.split("/");
        return parts[0].equals("tenants") && parts.length > 1 ? parts[1] : "cluster";
    }

    static String describe(AuditEntry event) {
        String[] target = event.target().split("/");
        String name = target[target.length - 1];
        JsonNode before = json(event.before());
        JsonNode after = json(event.after());
        return switch (event.targetType()) {
            case "Tenant" -> switch (event.action()) {
                case CREATE -> "tenant created";
                case DELETE -> "tenant removed";
                case UPDATE -> changed("tenant", before, after);
            };
            case "Module install" -> module(name, event.action(), before, after);
            case "GPU quota" -> event.action() == AuditAction.DELETE ? "GPU quota on %s removed".formatted(name)
                    : "GPU quota on %s set".formatted(name);
            case "Model deployment" -> "model %s %s".formatted(name, verb(event.action(), "deployed", "changed",
                    "removed"));
            case "GPU pool" -> "GPU pool %s %s".formatted(name, verb(event.action(), "created", "changed",
                    "removed"));
            case "Cluster" -> event.action() == AuditAction.UPDATE ? changed("cluster", before, after)
                    : "cluster " + verb(event.action(), "registered", "changed", "removed");
            default -> "%s %s %s".formatted(event.targetType(), name, verb(event.action(), "created", "changed",
                    "removed"));
        };
    }

    private static String module(String key, AuditAction action, JsonNode before, JsonNode after) {
        boolean wasOn = enabled(before);
        boolean isOn = enabled(after);
        return switch (action) {
            case CREATE -> key + (isOn ? " enabled" : " added, switched off");
            case DELETE -> key + " removed";
            case UPDATE -> {
                if (wasOn != isOn) {
                    yield key + (isOn ? " enabled" : " disabled");
                }
                var changes = new ArrayList<String>();
                if (!Objects.equals(before.get("version"), after.get("version"))) {
                    changes.add("version %s → %s".formatted(text(before.get("version")), text(after.get("version"))));
                }
                if (!Objects.equals(before.get("values"), after.get("values"))) {
                    changes.add("values changed");
                }
                if (!Objects.equals(before.get("secretDelivery"), after.get("secretDelivery"))) {
                    changes.add("secret delivery changed");
                }
                yield key + " " + (changes.isEmpty() ? "changed" : String.join(", ", changes));
            }
        };
    }

    /** {@code tenant ownerGroups, quota changed}: the top-level fields that differ, never their values. */
    private static String changed(String what, JsonNode before, JsonNode after) {
        var fields = new LinkedHashSet<String>();
        for (JsonNode node : List.of(before, after)) {
            node.propertyNames().forEach(field -> {
                if (!Objects.equals(before.get(field), after.get(field))) {
                    fields.add(field);
                }
            });
        }
        return fields.isEmpty() ? what + " changed" : what + " " + String.join(", ", fields) + " changed";
    }

    private static boolean enabled(JsonNode install) {
        JsonNode enabled = install.get("enabled");
        return enabled != null && enabled.asBoolean(false);
    }

    private static String verb(AuditAction action, String created, String changed, String removed) {
        return switch (action) {
            case CREATE -> created;
            case UPDATE -> changed;
            case DELETE -> removed;
        };
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? "none" : node.asString();
    }

    private static JsonNode json(String document) {
        if (document == null || document.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(document);
            return node.isObject() ? node : JSON.createObjectNode();
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }
}
