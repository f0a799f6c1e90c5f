package io.eventbank.api.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyTest {

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
    @Timeout(1)
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
