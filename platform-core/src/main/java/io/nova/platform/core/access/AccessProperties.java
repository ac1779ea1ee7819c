package io.nova.platform.core.access;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminGroups  OIDC groups whose members are platform admins
 * @param viewerGroups OIDC groups whose members may read everything and change nothing
 */
@ConfigurationProperties(prefix = "nova.security")
public record AccessProperties(List<String> adminGroups, List<String> viewerGroups) {

    public AccessProperties {
        adminGroups = adminGroups == null || adminGroups.isEmpty() ? List.of("platform-admins")
                : List.copyOf(adminGroups);
        viewerGroups = viewerGroups == null || viewerGroups.isEmpty() ? List.of("platform-viewers")
                : List.copyOf(viewerGroups);
    }
}
