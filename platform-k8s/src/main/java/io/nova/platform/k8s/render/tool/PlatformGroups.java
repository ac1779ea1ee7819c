package io.nova.platform.k8s.render.tool;

import java.util.List;
import java.util.stream.Stream;

/**
 * Who logs in to the cluster's own web UIs (Grafana of the monitoring stack): the platform's admins administer them,
 * its viewers look.
 *
 * @param admins  the platform's admin groups
 * @param viewers the platform's viewer groups
 */
public record PlatformGroups(List<String> admins, List<String> viewers) {

    public PlatformGroups {
        admins = List.copyOf(admins);
        viewers = List.copyOf(viewers);
    }

    /** The platform's defaults ({@code platform-admins}, {@code platform-viewers}). */
    public static PlatformGroups defaults() {
        return new PlatformGroups(List.of("platform-admins"), List.of("platform-viewers"));
    }

    /** Everybody who may log in, each group once. */
    public List<String> all() {
        return Stream.concat(admins.stream(), viewers.stream()).distinct().toList();
    }
}
