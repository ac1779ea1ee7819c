package io.nova.platform.k8s.render.tool;

import java.util.Map;
import java.util.TreeMap;

/**
 * A Secret a tool reads as a whole file (NeuVector's {@code oidcinitcfg.yaml}) rather than key by key: the secret
 * store renders it from the tool's OIDC client with the External Secrets Operator's template engine, so the client
 * secret goes from Vault into the Secret and nowhere else. Templates see the client as {@value #CLIENT_ID} and
 * {@value #CLIENT_SECRET}.
 *
 * @param name the Secret's name, as the chart reads it
 * @param data file name to template
 */
public record TemplatedSecret(String name, Map<String, String> data) {

    /** How a template names the client id: {@code {{ .client_id }}}. */
    public static final String CLIENT_ID = ".client_id";
    /** How a template names the client secret: {@code {{ .client_secret }}}. */
    public static final String CLIENT_SECRET = ".client_secret";

    public TemplatedSecret {
        data = new TreeMap<>(data);
    }
}
