package io.nova.platform.k8s.render.tool;

import java.util.Map;

/**
 * The platform's values for one tool's chart: how it logs users in, where it finds its generated credentials and
 * its peers, what it must not do inside a tenant namespace. Merged after the install's own values, so they win. One
 * class per tool, next to its catalog entry; chart value paths are checked against the real chart in the tests.
 */
public interface ToolValues {

    /** The catalog key of the tool. */
    String module();

    Map<String, Object> values(ToolContext context);
}
