package io.eventbank.query.web;

import io.eventbank.api.common.ResultPage;
import org.springframework.data.domain.Page;

/** Spring Data pages as the query results the shared API defines. */
public final class ResultPages {

    private ResultPages() {
    }

    public static <T> ResultPage<T> of(Page<T> page) {
        return new ResultPage<>(page.getContent(), page.getNumber(), page.getSize(), page.getTotalElements());
    }
}
