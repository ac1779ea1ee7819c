package io.nova.platform.ui.common;

import java.util.function.Function;
import java.util.stream.Stream;

import com.vaadin.flow.data.provider.Query;
import io.nova.platform.core.common.PageQuery;
import io.nova.platform.core.common.PageResult;

/**
 * Bridges a grid's lazy loading to a paged service: the grid asks for offset/limit, services answer pages. The
 * grid's page size is the service page size, so every fetch is exactly one page.
 */
public final class PagedItems {

    /** The page size the console's grids ask for. */
    public static final int PAGE_SIZE = 50;

    private PagedItems() {
    }

    public static <T> Stream<T> fetch(Query<T, ?> query, Function<PageQuery, PageResult<T>> service) {
        return service.apply(new PageQuery(query.getPage(), query.getPageSize())).items().stream();
    }

    public static <T> int count(Function<PageQuery, PageResult<T>> service) {
        return (int) Math.min(Integer.MAX_VALUE, service.apply(PageQuery.first(1)).total());
    }
}
