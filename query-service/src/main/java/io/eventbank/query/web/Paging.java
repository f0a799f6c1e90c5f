package io.eventbank.query.web;

import io.eventbank.api.common.ResultPage;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.web.PagedModel;

import java.util.Optional;

/**
 * The page a request asks for, as a controller parameter: a zero-based {@code page} of at most {@value #MAX_PAGE}
 * and a {@code size} from 1 to {@value #MAX_SIZE}, read and checked by {@link PagingResolver}. Pages are rendered as
 * Spring Data's {@code {"content": [...], "page": {...}}}. The offset, {@code page × size}, is at most 10,000,000:
 * the bounds keep it within the int that JPA takes, and keep PostgreSQL from skipping an unbounded number of rows.
 */
public record Paging(
        @Schema(description = "zero-based page number", minimum = "0", maximum = "100000", defaultValue = "0")
        int page,
        @Schema(description = "rows per page", minimum = "1", maximum = "100", defaultValue = "20")
        int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    public static final int MAX_PAGE = 100_000;

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
