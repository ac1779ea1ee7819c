package io.nova.platform.core.me;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.nova.platform.core.access.AccessControl;
import io.nova.platform.core.access.Caller;
import io.nova.platform.core.tenant.TenantService;
import org.springframework.stereotype.Service;

@Service
public class CallerProfileService {

    private final AccessControl access;
    private final TenantService tenants;

    public CallerProfileService(AccessControl access, TenantService tenants) {
        this.access = access;
        this.tenants = tenants;
    }

    public CallerProfile current() {
        Caller caller = access.current().orElseThrow(() -> new IllegalStateException("no caller"));
        List<String> owned = caller.localAdmin() ? List.of() : tenants.ownedBy(caller.groups());
        var roles = new ArrayList<>(access.roles());
        if (!owned.isEmpty()) {
            roles.add("tenant-admin");
        }
        return new CallerProfile(caller.subject(), caller.name(), caller.actor(), List.copyOf(new TreeSet<>(caller.groups())),
                List.copyOf(roles), owned, caller.localAdmin());
    }
}
