package io.eventbank.testsupport;

import io.eventbank.api.common.Money;
import io.eventbank.api.order.PlaceOrder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Values of commands in and around their bounds ({@link Money#MAX_AMOUNT}, {@link PlaceOrder}'s maxima): each bound
 * itself, one step on either side, and values between. Some are refused by the commands; a property keeps or
 * checks them as it needs. Needs jqwik and shared-api on the classpath of the module that uses it.
 */
public final class BoundaryValues {

    private static final BigDecimal MAX = new BigDecimal(Money.MAX_AMOUNT);
    private static final BigDecimal CENT = new BigDecimal("0.01");
    /** Numbers spread over their whole range: jqwik's default favours small ones, and the bounds are large. */
    private static final RandomDistribution UNIFORM = RandomDistribution.uniform();

    /** One order line as a client may send it, before anything checks it. */
    public record Line(String productId, int quantity, BigDecimal unitPrice) {
    }

    private BoundaryValues() {
    }

    /** Amounts: zero, a tenth of a cent, one cent, the maximum and a cent either side of it, and any between. */
    public static Arbitrary<BigDecimal> amounts() {
        return Arbitraries.oneOf(
                Arbitraries.of(BigDecimal.ZERO, new BigDecimal("0.001"), CENT, new BigDecimal("0.02"),
                        MAX.subtract(CENT), MAX, MAX.add(CENT), MAX.add(new BigDecimal("0.001"))),
                Arbitraries.bigDecimals().between(CENT, MAX).ofScale(2).withDistribution(UNIFORM));
    }

    public static Arbitrary<Integer> quantities() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, 2, PlaceOrder.MAX_QUANTITY - 1, PlaceOrder.MAX_QUANTITY,
                        PlaceOrder.MAX_QUANTITY + 1),
                Arbitraries.integers().between(1, PlaceOrder.MAX_QUANTITY).withDistribution(UNIFORM));
    }

    public static Arbitrary<String> productIds() {
        int max = PlaceOrder.MAX_PRODUCT_ID_LENGTH;
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(0).ofMaxLength(8),
                Arbitraries.strings().alpha().numeric().ofMinLength(max - 1).ofMaxLength(max + 1));
    }

    /**
     * The lines of an order: none, a few, or about the most an order may have; with values drawn each on its own, or
     * with unit prices that bring each line total, or the order total, to the maximum amount or a cent or two beyond.
     */
    public static Arbitrary<List<Line>> orderLines() {
        Arbitrary<Integer> counts = Arbitraries.oneOf(Arbitraries.integers().between(1, 3),
                Arbitraries.of(0, PlaceOrder.MAX_LINES - 1, PlaceOrder.MAX_LINES, PlaceOrder.MAX_LINES + 1));
        return counts.flatMap(count -> Arbitraries.oneOf(
                Combinators.combine(productIds(), quantities(), amounts()).as(Line::new).list().ofSize(count),
                linesNear(MAX).list().ofSize(count),
                linesNear(MAX.divide(BigDecimal.valueOf(Math.max(count, 1)), 2, RoundingMode.FLOOR))
                        .list().ofSize(count)));
    }

    /** Lines whose total is {@code total}, rounded down to a cent per unit, then a cent per unit less, or up to two more. */
    private static Arbitrary<Line> linesNear(BigDecimal total) {
        Arbitrary<Integer> quantities = Arbitraries.oneOf(Arbitraries.of(1, 2, 3, PlaceOrder.MAX_QUANTITY),
                Arbitraries.integers().between(1, PlaceOrder.MAX_QUANTITY).withDistribution(UNIFORM));
        return Combinators.combine(quantities, Arbitraries.integers().between(-1, 2)).as((quantity, cents) ->
                new Line("sku", quantity, total.divide(BigDecimal.valueOf(quantity), 2, RoundingMode.FLOOR)
                        .add(CENT.multiply(BigDecimal.valueOf(cents)))));
    }
}
