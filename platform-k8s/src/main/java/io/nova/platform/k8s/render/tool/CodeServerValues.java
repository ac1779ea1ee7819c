package io.nova.platform.k8s.render.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nova.platform.k8s.render.Values;

/**
 * code-server (pascaliske chart): people log in through the oauth2-proxy in front of it (the platform's
 * {@code OAuth2ProxyRenderer}), and then with code-server's own password, from the generated
 * {@code code-server-password}. The password stays on ({@code --auth password}, code-server's default when
 * {@code PASSWORD} is set) because the tenant namespace's network policy lets every pod of the namespace reach
 * code-server's port directly, past the proxy; {@code --auth none} is safe only once code-server's pods admit the
 * proxy alone. {@code MLFLOW_TRACKING_URI} is in its environment when the tenant has MLflow. The chart takes
 * {@code env} as a list: the install's entries are kept and the platform's are added or replace those of the same
 * name.
 */
final class CodeServerValues implements ToolValues {

    @Override
    public String module() {
        return "code-server";
    }

    @Override
    public Map<String, Object> values(ToolContext context) {
        Map<String, Object> values = Values.at("secret", Map.of("create", false,
                "existingSecret", "code-server-password"));
        if (context.enabled("mlflow")) {
            values = Values.merge(values, Map.of("env", withEnv(context.install().values().get("env"),
                    "MLFLOW_TRACKING_URI", context.serviceUrl("mlflow", 80))));
        }
        return values;
    }

    private static List<Object> withEnv(Object installEnv, String name, String value) {
        var env = new ArrayList<Object>();
        if (installEnv instanceof List<?> list) {
            list.stream().filter(entry -> !(entry instanceof Map<?, ?> map && name.equals(map.get("name"))))
                    .forEach(env::add);
        }
        env.add(Map.of("name", name, "value", value));
        return env;
    }
}
