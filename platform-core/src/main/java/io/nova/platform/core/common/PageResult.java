package io.nova.platform.core.common;

import java.util.List;
import java.util.function.Function;

/** One page of a list: the items and where they sit in the whole. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public static <E, T> PageResult<T> of(org.springframework.data.domain.Page<E> page, Function<E, T> mapper) {
        return new PageResult<>(page.getContent().stream().map(mapper).toList(), page.getNumber(), page.getSize(),
                page.getTotalElements());
    }

    public static <T> PageResult<T> of(List<T> all, PageQuery query) {
        int from = Math.min(all.size(), query.page() * query.size());
        int to = Math.min(all.size(), from + query.size());
        return new PageResult<>(all.subList(from, to), query.page(), query.size(), all.size());
    }
}
