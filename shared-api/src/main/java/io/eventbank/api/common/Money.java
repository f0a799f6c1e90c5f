package io.eventbank.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** A non-negative amount of money with at most two fraction digits, serialized as a plain JSON number. */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    /**
     * The most one amount a command carries may be: a deposit, a withdrawal, a unit price, a line total, an order
     * total. Money itself has no bound: balances grow past it (deposits add up, a refund is never refused).
     */
    public static final String MAX_AMOUNT = "1000000000000";

    private static final BigDecimal MAX = new BigDecimal(MAX_AMOUNT);

    public Money {
        Objects.requireNonNull(amount, "amount must not be null");
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount must have at most 2 decimals: " + amount.toPlainString());
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("amount must not be negative: " + amount.toPlainString());
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    @JsonCreator
    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    public static Money of(long amount) {
        return new Money(BigDecimal.valueOf(amount));
    }

    @JsonValue
    @Override
    public BigDecimal amount() {
        return amount;
    }

    /** Whether this money may be one amount of a command: positive and at most {@link #MAX_AMOUNT}. */
    public boolean isAllowedAmount() {
        return isAllowedAmount(amount);
    }

    /**
     * Whether a number may be one amount of a command: positive, at most {@link #MAX_AMOUNT}, at most two decimals.
     * Quick for any number, however large or small its exponent (nothing is rescaled).
     */
    public static boolean isAllowedAmount(BigDecimal amount) {
        return amount != null && amount.signum() > 0 && amount.compareTo(MAX) <= 0
                && amount.stripTrailingZeros().scale() <= 2;
    }

    /** This money, if {@link #isAllowedAmount() allowed} as one amount; the message names it as {@code what}. */
    public Money requireAmount(String what) {
        if (!isAllowedAmount()) {
            throw new IllegalArgumentException(what + " must be positive and at most " + MAX_AMOUNT + ": "
                    + amount.toPlainString());
        }
        return this;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    /** Throws {@link IllegalArgumentException} when the result would be negative. */
    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money times(int factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)));
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
