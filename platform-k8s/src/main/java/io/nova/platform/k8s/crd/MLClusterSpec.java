package io.nova.platform.k8s.crd;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.generator.annotation.Required;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class MLClusterSpec {

    @Required
    @PrinterColumn(name = "Tenant")
    private String tenant;
    private String displayName;
    @JsonPropertyDescription("The tenant's modules by module id")
    private Map<String, ModuleSpec> modules;
    @JsonPropertyDescription("Groups whose members administer the tenant's tools (JupyterHub admins, ...)")
    private List<String> ownerGroups;
    @JsonPropertyDescription("Groups whose members may log in to the tenant's tools")
    private List<String> memberGroups;

    public MLClusterSpec() {
    }

    public MLClusterSpec(String tenant, String displayName, Map<String, ModuleSpec> modules) {
        this.tenant = tenant;
        this.displayName = displayName;
        setModules(modules);
    }

    public MLClusterSpec(String tenant, String displayName, Map<String, ModuleSpec> modules, List<String> ownerGroups,
                         List<String> memberGroups) {
        this(tenant, displayName, modules);
        setOwnerGroups(ownerGroups);
        setMemberGroups(memberGroups);
    }

    public List<String> getOwnerGroups() {
        return ownerGroups;
    }

    public void setOwnerGroups(List<String> ownerGroups) {
        this.ownerGroups = ownerGroups == null || ownerGroups.isEmpty() ? null : List.copyOf(ownerGroups);
    }

    public List<String> getMemberGroups() {
        return memberGroups;
    }

    public void setMemberGroups(List<String> memberGroups) {
        this.memberGroups = memberGroups == null || memberGroups.isEmpty() ? null : List.copyOf(memberGroups);
    }

    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public Map<String, ModuleSpec> getModules() {
        return modules;
    }

    public void setModules(Map<String, ModuleSpec> modules) {
        this.modules = modules == null ? null : new TreeMap<>(modules);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MLClusterSpec other && Objects.equals(tenant, other.tenant)
                && Objects.equals(displayName, other.displayName) && Objects.equals(modules, other.modules)
                && Objects.equals(ownerGroups, other.ownerGroups) && Objects.equals(memberGroups, other.memberGroups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, displayName, modules, ownerGroups, memberGroups);
    }

    @Override
    public String toString() {
        return "MLClusterSpec[tenant=" + tenant + ", displayName=" + displayName + ", modules=" + modules
                + ", ownerGroups=" + ownerGroups + ", memberGroups=" + memberGroups + "]";
    }
}
