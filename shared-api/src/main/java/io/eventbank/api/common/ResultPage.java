package io.eventbank.api.common;

import java.util.List;

/** One page of a query result: its rows, the zero-based page number, the page size and the total row count. */
public record ResultPage<T>(List<T> content, int number, int size, long totalElements) {

    public ResultPage {
        content = List.copyOf(content);
    }

    public int totalPages() {
        return size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
    }
}
