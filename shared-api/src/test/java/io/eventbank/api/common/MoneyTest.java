package io.eventbank.api.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Holder(Money amount) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "10.0", "10.00", "10.000", "1E+1", "0.1E+2"})
    void everyAmountIsKeptWithExactlyTwoDecimals(String amount) {
        BigDecimal kept = Money.of(amount).amount();

        assertThat(kept.scale()).isEqualTo(2);
        assertThat(kept.toPlainString()).isEqualTo("10.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "1.005", "12.345", "1E-3"})
    void moreThanTwoSignificantDecimalsAreRefusedNotRounded(String amount) {
        assertThatThrownBy(() -> Money.of(amount)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 2 decimals");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "-1", "-10000"})
    void negativeAmountsAreRefused(String amount) {
        assertThatThrownBy(() -> Money.of(amount)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }

    @Test
    void negativeZeroIsZero() {
        assertThat(Money.of("-0.00")).isEqualTo(Money.ZERO);
        assertThat(Money.of("-0.00").isZero()).isTrue();
    }

    @Test
    void anAmountIsRequired() {
        assertThatThrownBy(() -> new Money(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tenEqualsTenPointZeroZero() {
        Money ten = Money.of(10);
        Money tenPointZeroZero = Money.of("10.00");

        assertThat(ten).isEqualTo(tenPointZeroZero).hasSameHashCodeAs(tenPointZeroZero);
        assertThat(ten.compareTo(tenPointZeroZero)).isZero();
        assertThat(new Money(new BigDecimal("10.0"))).isEqualTo(Money.of(new BigDecimal("10")));
    }

    @Test
    void amountsAreOrderedByValue() {
        assertThat(Money.of("9.99")).isLessThan(Money.of(10));
        assertThat(Money.of("9.99").isLessThan(Money.of(10))).isTrue();
        assertThat(Money.of(10).isLessThan(Money.of("10.00"))).isFalse();
        assertThat(Money.of("10.01").compareTo(Money.of(10))).isPositive();
    }

    @Test
    void additionIsExactWhereDoublesAreNot() {
        assertThat(Money.of("0.1").plus(Money.of("0.2"))).isEqualTo(Money.of("0.30"));
        assertThat(Money.of("10000").plus(Money.of("50000")).minus(Money.of("10000"))).isEqualTo(Money.of(50000));
    }

    @Test
    void subtractingMoreThanThereIsIsRefused() {
        assertThat(Money.of("100.00").minus(Money.of("100"))).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> Money.of(100).minus(Money.of("100.01")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
    }

    @Test
    void multiplyingByAQuantity() {
        assertThat(Money.of("12.50").times(2)).isEqualTo(Money.of(25));
        assertThat(Money.of("0.01").times(3)).isEqualTo(Money.of("0.03"));
        assertThat(Money.of("9.99").times(0)).isEqualTo(Money.ZERO);
        assertThatThrownBy(() -> Money.of(1).times(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroIsNeitherPositiveNorNegative() {
        assertThat(Money.ZERO.isZero()).isTrue();
        assertThat(Money.ZERO.isPositive()).isFalse();
        assertThat(Money.of("0.01").isPositive()).isTrue();
        assertThat(Money.of("0.01").isZero()).isFalse();
        assertThat(Money.ZERO.amount().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void isWrittenAsItsPlainDecimalText() {
        assertThat(Money.of("1E+3")).hasToString("1000.00");
        assertThat(Money.of("12.5")).hasToString("12.50");
    }

    @Test
    void isAPlainJsonNumberWithTwoDecimals() throws JsonProcessingException {
        assertThat(JSON.writeValueAsString(Money.of("10"))).isEqualTo("10.00");
        assertThat(JSON.writeValueAsString(new Holder(Money.of("1E+3")))).isEqualTo("{\"amount\":1000.00}");
    }

    @Test
    void isReadFromAJsonNumberExactly() throws JsonProcessingException {
        assertThat(JSON.readValue("{\"amount\":0.1}", Holder.class).amount()).isEqualTo(Money.of("0.10"));
        assertThat(JSON.readValue("10000", Money.class)).isEqualTo(Money.of(10000));
        Money roundTripped = JSON.readValue(JSON.writeValueAsString(Money.of("12.5")), Money.class);
        assertThat(roundTripped.amount().toPlainString()).isEqualTo("12.50");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.001", "-5"})
    void jsonThatBreaksTheRulesIsRefused(String json) {
        assertThatThrownBy(() -> JSON.readValue(json, Money.class)).isInstanceOf(JsonProcessingException.class)
                .rootCause().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAllowedAmountIsPositiveAtMostTheMaximumWithAtMostTwoDecimals() {
        assertThat(Money.isAllowedAmount(new BigDecimal("0.01"))).isTrue();
        assertThat(Money.isAllowedAmount(new BigDecimal("1000000000000.00"))).isTrue();
        assertThat(Money.isAllowedAmount(new BigDecimal("1E+12"))).isTrue();
        assertThat(Money.isAllowedAmount(new BigDecimal("1.100"))).isTrue();
        assertThat(Money.isAllowedAmount(new BigDecimal("1000000000000.01"))).isFalse();
        assertThat(Money.isAllowedAmount(BigDecimal.ZERO)).isFalse();
        assertThat(Money.isAllowedAmount(new BigDecimal("-1"))).isFalse();
        assertThat(Money.isAllowedAmount(new BigDecimal("0.001"))).isFalse();
        assertThat(Money.isAllowedAmount(null)).isFalse();
    }

    @Test
    @Timeout(30) // a guard against hanging on a huge exponent, not a speed goal
    void anyNumberIsJudgedQuicklyHoweverLargeItsExponent() {
        assertThat(Money.isAllowedAmount(new BigDecimal("1e999999999"))).isFalse();
        assertThat(Money.isAllowedAmount(new BigDecimal("1e-999999999"))).isFalse();
        assertThat(Money.isAllowedAmount(new BigDecimal("-1e999999999"))).isFalse();
    }

    @Test
    void moneyBeyondTheMaximumAmountIsStillMoney() {
        Money balance = Money.of(Money.MAX_AMOUNT).times(1_000_000).plus(Money.of("0.01"));
        assertThat(balance.amount()).isEqualByComparingTo("1000000000000000000.01");
        assertThat(balance.isAllowedAmount()).isFalse();
    }
}
