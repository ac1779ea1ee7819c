package io.nova.platform.core.tenant;

import java.util.List;
import java.util.Locale;

import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.InvalidRequestException;

/**
 * Which tenants a list shows and in which order.
 *
 * @param text    matched case-insensitively against slug and display name; empty: all
 * @param cluster only tenants on this cluster; empty: every cluster
 * @param sort    one of {@link #SORTABLE}, optionally followed by {@code ,desc}
 */
public record TenantFilter(String text, String cluster, String sort) {

    /** The properties a tenant list may be sorted by. */
    public static final List<String> SORTABLE = List.of("slug", "displayName", "cluster", "createdAt", "updatedAt");

    public TenantFilter {
        text = text == null || text.isBlank() ? null : text.strip();
        cluster = cluster == null || cluster.isBlank() ? null : cluster.strip();
        sort = sort == null || sort.isBlank() ? "slug" : sort.strip();
        if (text != null && text.length() > 100) {
            throw invalid("q", "must be at most 100 characters");
        }
        if (!SORTABLE.contains(sortProperty(sort))) {
            throw invalid("sort", "must be one of " + String.join(", ", SORTABLE) + ", optionally followed by ,desc");
        }
        String direction = sortDirection(sort);
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw invalid("sort", "direction must be asc or desc");
        }
    }

    public static TenantFilter onCluster(String cluster) {
        return new TenantFilter(null, cluster, null);
    }

    public String sortProperty() {
        return sortProperty(sort);
    }

    public boolean descending() {
        return sortDirection(sort).equals("desc");
    }

    /** The text as a LIKE pattern, with the pattern's own wildcards escaped. */
    String likePattern() {
        String escaped = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static String sortProperty(String sort) {
        int comma = sort.indexOf(',');
        return comma < 0 ? sort : sort.substring(0, comma).strip();
    }

    private static String sortDirection(String sort) {
        int comma = sort.indexOf(',');
        return comma < 0 ? "asc" : sort.substring(comma + 1).strip().toLowerCase(Locale.ROOT);
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("Invalid tenant list parameters", List.of(new FieldViolation(field, message)));
    }
}
