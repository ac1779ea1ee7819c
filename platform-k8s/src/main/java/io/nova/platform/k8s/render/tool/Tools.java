package io.nova.platform.k8s.render.tool;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The values class of each tool the platform wires, by catalog key; a tool without one gets no platform values. */
public final class Tools {

    private static final Map<String, ToolValues> BY_MODULE = List.of(new JupyterHubValues(), new MlflowValues(),
                    new AirflowValues(), new MinioValues(), new CodeServerValues(), new GrafanaValues(), new NeuVectorValues()).stream()
            .collect(Collectors.toUnmodifiableMap(ToolValues::module, Function.identity()));

    private Tools() {
    }

    /** The install's own values as the tool's values class lets them through (see {@link ToolValues}). */
    public static Map<String, Object> tenantValues(ToolContext context) {
        ToolValues tool = BY_MODULE.get(context.module());
        return tool == null ? context.install().values() : tool.tenantValues(context);
    }

    /** The Secrets the context's tool reads as files made from its OIDC client. */
    public static List<TemplatedSecret> templatedSecrets(ToolContext context) {
        ToolValues tool = BY_MODULE.get(context.module());
        return tool == null ? List.of() : tool.templatedSecrets(context);
    }

    /** The platform's values for the context's tool; empty for a tool it knows nothing special about. */
    public static Map<String, Object> values(ToolContext context) {
        ToolValues tool = BY_MODULE.get(context.module());
        return tool == null ? Map.of() : tool.values(context);
    }
}
