package io.eventbank.api.order;

import io.eventbank.api.common.Money;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The order command refuses what the HTTP edge refuses: each bound is accepted at the bound, refused beyond it. */
class PlaceOrderTest {

    private static final Money MAX = Money.of(Money.MAX_AMOUNT);

    @Test
    void everyBoundIsAcceptedExactly() {
        assertThat(place(line("p".repeat(100), 1, MAX)).total()).isEqualTo(MAX);
        assertThat(place(line("sku", 1_000_000, Money.of("1000000"))).total()).isEqualTo(MAX);
        assertThat(place(line("sku", 2, Money.of("500000000000.00"))).total()).isEqualTo(MAX);
        assertThat(place(Collections.nCopies(100, line("sku", 1, Money.of("10000000000")))).total()).isEqualTo(MAX);
        assertThat(place(line("sku", 1, Money.of("0.01"))).total()).isEqualTo(Money.of("0.01"));
    }

    @Test
    void aLineOneStepBeyondABoundIsRefused() {
        assertRefused(line("", 1, Money.of(1)), "productId");
        assertRefused(line(" ", 1, Money.of(1)), "productId");
        assertRefused(line("p".repeat(101), 1, Money.of(1)), "productId");
        assertRefused(line("sku", 0, Money.of(1)), "quantity");
        assertRefused(line("sku", 1_000_001, Money.of(1)), "quantity");
        assertRefused(line("sku", 1, Money.ZERO), "unitPrice");
        assertRefused(line("sku", 1, Money.of("1000000000000.01")), "unitPrice");
        assertRefused(line("sku", 2, Money.of("500000000000.01")), "line total");
        assertRefused(line("sku", 1_000_000, MAX), "line total");
    }

    @Test
    void anOrderOfNoLinesOrMoreThanAHundredIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> place(List.of())).withMessageContaining("1 to 100");
        assertThatIllegalArgumentException().isThrownBy(() -> place(Collections.nCopies(101, line("sku", 1, MAX))))
                .withMessageContaining("1 to 100");
    }

    @Test
    void anOrderTotalOneCentBeyondTheMaximumIsRefused() {
        List<OrderLine> lines = new ArrayList<>(Collections.nCopies(100, line("sku", 1, Money.of("10000000000"))));
        lines.set(99, line("sku", 1, Money.of("10000000000.01")));
        assertThatIllegalArgumentException().isThrownBy(() -> place(lines)).withMessageContaining("order total");
        assertThatIllegalArgumentException().isThrownBy(() -> place(List.of(line("a", 1, MAX), line("b", 1, MAX))))
                .withMessageContaining("order total");
    }

    private static void assertRefused(OrderLine line, String what) {
        assertThatIllegalArgumentException().isThrownBy(() -> place(line)).withMessageContaining("line 1")
                .withMessageContaining(what);
    }

    private static OrderLine line(String productId, int quantity, Money unitPrice) {
        return new OrderLine(productId, quantity, unitPrice);
    }

    private static PlaceOrder place(OrderLine line) {
        return place(List.of(line));
    }

    private static PlaceOrder place(List<OrderLine> lines) {
        return new PlaceOrder(UUID.randomUUID(), UUID.randomUUID(), lines);
    }
}
