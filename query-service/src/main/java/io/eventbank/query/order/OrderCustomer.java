package io.eventbank.query.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * The holder name of an account that pays orders, kept by the orders projection itself so that it depends on no
 * other projection's tables. The name is null while an order of the account is known but its opening is not yet.
 */
@Entity
@Table(name = "order_customer")
class OrderCustomer {

    @Id
    private UUID accountId;
    private String holderName;

    protected OrderCustomer() {
    }
}
