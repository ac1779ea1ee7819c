package io.nova.platform.app.api;

import io.nova.platform.core.common.PageQuery;

/** Builds the core page request from query parameters; PageQuery rejects sizes over 200 with a field error. */
public final class Paging {

    private Paging() {
    }

    public static PageQuery of(Integer page, Integer size) {
        return new PageQuery(page == null ? 0 : page, size == null ? PageQuery.DEFAULT_SIZE : size);
    }
}
