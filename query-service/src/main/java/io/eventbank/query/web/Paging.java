package io.eventbank.query.web;

import io.eventbank.api.common.ResultPage;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;

import java.util.Optional;

/**
 * Pages on the wire: a zero-based {@code page}, a {@code size} of 20 unless given and at most 100, and the result
 * rendered as Spring Data's {@code {"content": [...], "page": {...}}}.
 */
public final class Paging {

    public static final String DEFAULT_SIZE = "20";
    public static final int MAX_SIZE = 100;

    private Paging() {
    }

    public static int page(int page) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        return page;
    }

    /** The requested size, capped at {@value #MAX_SIZE}. */
    public static int size(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be 1 or more");
        }
        return Math.min(size, MAX_SIZE);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> ResponseType<ResultPage<T>> resultPage() {
        return (ResponseType) ResponseTypes.instanceOf(ResultPage.class);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> ResponseType<Optional<ResultPage<T>>> optionalResultPage() {
        return (ResponseType) ResponseTypes.optionalInstanceOf(ResultPage.class);
    }

    public static <T> PagedModel<T> model(ResultPage<T> page) {
        return new PagedModel<>(new PageImpl<>(page.content(), PageRequest.of(page.number(), page.size()),
                page.totalElements()));
    }
}
