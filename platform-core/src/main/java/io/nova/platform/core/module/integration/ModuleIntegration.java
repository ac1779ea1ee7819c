package io.nova.platform.core.module.integration;

import java.util.List;
import java.util.Optional;

/**
 * What the platform must know to make a tool work once Flux installed it, as the catalog entry's {@code integration}
 * section says it: how its web UI is reached, how users log in to it, and the credentials its chart expects to find
 * as Kubernetes Secrets. The chart-specific values that use these live in the tool's one values class in
 * platform-k8s; everything else about a tool is this record and its catalog entry.
 *
 * @param route       the Service (and port) of the release that serves the web UI; null for tools without one
 * @param signOn      how users log in; {@link SignOn#none} for tools without a web UI
 * @param credentials the Secrets the platform generates for the tool, under the names and keys its chart reads
 */
public record ModuleIntegration(ToolRoute route, SignOn signOn, List<GeneratedCredential> credentials) {

    public ModuleIntegration {
        signOn = signOn == null ? SignOn.none(null) : signOn;
        credentials = credentials == null ? List.of() : List.copyOf(credentials);
    }

    /** A tool the platform wires nothing for. */
    public static ModuleIntegration none() {
        return new ModuleIntegration(null, null, null);
    }

    public Optional<ToolRoute> webRoute() {
        return Optional.ofNullable(route);
    }

    /** The credential of this tool stored and delivered under {@code secret}. */
    public Optional<GeneratedCredential> credential(String secret) {
        return credentials.stream().filter(c -> c.secret().equals(secret)).findFirst();
    }
}
