package io.nova.platform.k8s.render.tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nova.platform.k8s.render.Values;

/**
 * code-server (pascaliske chart): people log in once, through the oauth2-proxy in front of it (the platform's
 * {@code OAuth2ProxyRenderer}); code-server itself runs with {@code --auth none}, which is safe because its pods admit
 * only the proxy's pods (the tenant's network policies). The chart still requires a password Secret: the generated
 * {@code code-server-password}, unused while the proxy is there (without single sign-on code-server keeps asking for
 * it). {@code MLFLOW_TRACKING_URI} is in its environment when the tenant has MLflow. The chart takes {@code env} and
 * {@code extraArgs} as lists: the install's entries are kept, the platform's are added or replace those of the same
 * name, and a tenant's own {@code --auth} is dropped while the proxy logs people in.
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
        if (context.signsOn()) {
            values = Values.merge(values, Map.of("extraArgs", withoutOwnLogin(context.install().values()
                    .get("extraArgs"))));
        }
        return values;
    }

    /** The install's arguments without any {@code --auth} of its own, then {@code --auth none}. */
    static List<Object> withoutOwnLogin(Object installArgs) {
        var args = new ArrayList<Object>();
        if (installArgs instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String arg = String.valueOf(list.get(i));
                if (arg.equals("--auth")) {
                    i++;
                } else if (!arg.startsWith("--auth=")) {
                    args.add(list.get(i));
                }
            }
        }
        args.add("--auth");
        args.add("none");
        return args;
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
