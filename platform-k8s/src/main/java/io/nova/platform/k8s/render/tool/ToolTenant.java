package io.nova.platform.k8s.render.tool;

import java.util.List;

/**
 * The tenant a tool is installed for, as its login and profiles need it.
 *
 * @param slug         the tenant's slug
 * @param ownerGroups  groups whose members administer the tenant (tool admins)
 * @param memberGroups groups whose members use the tenant's tools
 * @param gpus         GPUs the tenant may ask for, per pool and resource
 * @param queued       whether its GPU workloads queue through Kueue (they then carry the queue labels)
 */
public record ToolTenant(String slug, List<String> ownerGroups, List<String> memberGroups, List<GpuOffer> gpus,
                         boolean queued) {

    public ToolTenant {
        ownerGroups = List.copyOf(ownerGroups);
        memberGroups = List.copyOf(memberGroups);
        gpus = List.copyOf(gpus);
    }

    /** Everybody who may log in: owners and members, each group once. */
    public List<String> allGroups() {
        return java.util.stream.Stream.concat(ownerGroups.stream(), memberGroups.stream()).distinct().toList();
    }
}
