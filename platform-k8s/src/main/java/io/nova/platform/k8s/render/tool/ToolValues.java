package io.nova.platform.k8s.render.tool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's values for one tool's chart: how it logs users in, where it finds its generated credentials and
 * its peers, what it must not do inside a tenant namespace. Merged after the install's own values, so they win. One
 * class per tool, next to its catalog entry; chart value paths are checked against the real chart in the tests.
 */
public interface ToolValues {

    /** The catalog key of the tool. */
    String module();

    Map<String, Object> values(ToolContext context);

    /**
     * The install's own values without what only the platform may set, where merging the platform's values after them
     * cannot take it back (an entry of a map the chart renders as a whole, such as extra environment variables).
     */
    default Map<String, Object> tenantValues(ToolContext context) {
        return context.install().values();
    }

    /**
     * Secrets the tool reads as whole files made from its OIDC client, which the secret store renders in the tool's
     * namespace (see {@link TemplatedSecret}); none for most tools, which read the client key by key.
     */
    default List<TemplatedSecret> templatedSecrets(ToolContext context) {
        return List.of();
    }

    /**
     * {@code values} with the map at {@code field} (environment variables by name) left without the variables whose
     * names start with one of {@code prefixes}, compared without case.
     */
    static Map<String, Object> withoutVariables(Map<String, Object> values, String field, List<String> prefixes) {
        if (!(values.get(field) instanceof Map<?, ?> variables)) {
            return values;
        }
        var kept = new LinkedHashMap<String, Object>();
        variables.forEach((name, value) -> {
            String variable = String.valueOf(name).toUpperCase(Locale.ROOT);
            if (prefixes.stream().noneMatch(variable::startsWith)) {
                kept.put(String.valueOf(name), value);
            }
        });
        var filtered = new LinkedHashMap<>(values);
        filtered.put(field, kept);
        return filtered;
    }
}
