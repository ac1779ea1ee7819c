package io.nova.platform.core.status;

import java.util.List;

import io.nova.platform.core.access.AccessControl;
import org.springframework.stereotype.Service;

/** The health of the platform's dependencies, for anyone with a role. */
@Service
public class PlatformStatusService {

    private final PlatformHealth health;
    private final AccessControl access;

    public PlatformStatusService(PlatformHealth health, AccessControl access) {
        this.health = health;
        this.access = access;
    }

    public List<ComponentStatus> components() {
        access.requireAnyRole();
        return health.components();
    }
}
