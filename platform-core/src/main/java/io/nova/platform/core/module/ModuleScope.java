package io.nova.platform.core.module;

/** Where a module is installed: once per cluster, or once per tenant in the tenant's namespace. */
public enum ModuleScope {
    CLUSTER, TENANT
}
