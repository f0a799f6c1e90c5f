package io.eventbank.command.order;

import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.PlaceOrder;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.List;

/**
 * Each line total (quantity × unitPrice) of an order request, and their sum, is at most {@link Money#MAX_AMOUNT}.
 * A refused line is named as {@code items[i]}, a refused sum as {@code items}. A line total is computed only once the
 * line's quantity and unit price are valid, the order total only once every line's are: an invalid field has its own
 * error, and an unchecked number could be too large to multiply or add.
 */
@Documented
@Constraint(validatedBy = OrderTotals.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface OrderTotals {

    String LINE_TOTAL = "quantity × unitPrice must be at most " + Money.MAX_AMOUNT;
    String ORDER_TOTAL = "the order total, the sum of quantity × unitPrice over all items, must be at most "
            + Money.MAX_AMOUNT;

    String message() default ORDER_TOTAL;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OrderTotals, OrderController.PlaceOrderRequest> {

        @Override
        public boolean isValid(OrderController.PlaceOrderRequest request, ConstraintValidatorContext context) {
            List<OrderController.OrderItemRequest> items = request.items();
            if (items == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = true;
            boolean allLinesValid = true;
            Money total = Money.ZERO;
            for (int i = 0; i < items.size(); i++) {
                Money lineTotal = lineTotal(items.get(i));
                if (lineTotal == null) {
                    allLinesValid = false;
                    continue;
                }
                if (!lineTotal.isAllowedAmount()) {
                    context.buildConstraintViolationWithTemplate(LINE_TOTAL)
                            .addPropertyNode("items").addBeanNode().inIterable().atIndex(i)
                            .addConstraintViolation();
                    valid = false;
                }
                total = total.plus(lineTotal);
            }
            if (allLinesValid && !total.isAllowedAmount()) {
                context.buildConstraintViolationWithTemplate(ORDER_TOTAL).addPropertyNode("items")
                        .addConstraintViolation();
                valid = false;
            }
            return valid;
        }

        /** The line's total, or {@code null} while its quantity or unit price is itself invalid. */
        private static Money lineTotal(OrderController.OrderItemRequest item) {
            if (item == null) {
                return null;
            }
            Integer quantity = item.quantity();
            BigDecimal unitPrice = item.unitPrice();
            if (quantity == null || quantity < 1 || quantity > PlaceOrder.MAX_QUANTITY
                || !Money.isAllowedAmount(unitPrice)) {
                return null;
            }
            return new OrderLine(item.productId(), quantity, Money.of(unitPrice)).lineTotal();
        }
    }
}
