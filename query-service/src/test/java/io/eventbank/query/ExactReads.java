package io.eventbank.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbank.api.account.AccountView;
import io.eventbank.api.account.LedgerEntryView;
import io.eventbank.api.order.OrderListItemView;
import io.eventbank.api.order.OrderView;
import io.eventbank.axon.AxonPostgresAutoConfiguration;
import io.eventbank.testsupport.HttpClientSupport;
import io.eventbank.testsupport.HttpClientSupport.Response;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query service's answers read over HTTP into the shared-api views, every number exactly as it was sent (its
 * scale included), where a JSON path would read it as a double.
 */
final class ExactReads {

    private static final ObjectMapper JSON = AxonPostgresAutoConfiguration.axonObjectMapper();

    private record Page<T>(List<T> content) {
    }

    private final HttpClientSupport http;

    ExactReads(int port) {
        this.http = new HttpClientSupport(port);
    }

    Optional<OrderView> order(UUID orderId) {
        return read("/api/orders/" + orderId, JSON.constructType(OrderView.class));
    }

    Optional<AccountView> account(UUID accountId) {
        return read("/api/accounts/" + accountId, JSON.constructType(AccountView.class));
    }

    /** The first page of the account's orders, newest first. */
    List<OrderListItemView> orders(UUID accountId) {
        return this.<Page<OrderListItemView>>read("/api/orders?size=100&accountId=" + accountId,
                JSON.getTypeFactory().constructParametricType(Page.class, OrderListItemView.class)).orElseThrow()
                .content();
    }

    List<LedgerEntryView> transactions(UUID accountId, int page, int size) {
        return this.<Page<LedgerEntryView>>read("/api/accounts/" + accountId + "/transactions?page=" + page
                        + "&size=" + size,
                JSON.getTypeFactory().constructParametricType(Page.class, LedgerEntryView.class)).orElseThrow()
                .content();
    }

    private <T> Optional<T> read(String path, JavaType type) {
        Response response = http.get(path);
        if (response.status() == 404) {
            return Optional.empty();
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        try {
            return Optional.of(JSON.readValue(response.body(), type));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
