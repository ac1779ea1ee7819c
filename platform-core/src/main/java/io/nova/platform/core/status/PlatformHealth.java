package io.nova.platform.core.status;

import java.util.List;

/** How the platform's outside dependencies are doing (secret store, single sign-on), for the console's overview. */
public interface PlatformHealth {

    List<ComponentStatus> components();
}
