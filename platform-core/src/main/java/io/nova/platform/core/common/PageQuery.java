package io.nova.platform.core.common;

import java.util.List;

/** Zero-based page request; size is capped so that no list call can load a whole table. */
public record PageQuery(int page, int size) {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;

    public PageQuery {
        var violations = new java.util.ArrayList<FieldViolation>();
        if (page < 0) {
            violations.add(new FieldViolation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            violations.add(new FieldViolation("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid paging parameters", List.copyOf(violations));
        }
    }

    public static PageQuery first(int size) {
        return new PageQuery(0, size);
    }

    public org.springframework.data.domain.Pageable pageable(org.springframework.data.domain.Sort sort) {
        return org.springframework.data.domain.PageRequest.of(page, size, sort);
    }
}
