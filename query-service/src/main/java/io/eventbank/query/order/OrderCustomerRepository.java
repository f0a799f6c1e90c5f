package io.eventbank.query.order;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;
import java.util.UUID;

/**
 * The customer row of an account is where an order placement and the account's opening, handled in different
 * segments and transactions, meet: each first writes or locks the row, so whichever commits second sees the other.
 */
interface OrderCustomerRepository extends JpaRepository<OrderCustomer, UUID> {

    @Modifying
    @Query(value = """
            INSERT INTO order_customer (account_id, holder_name) VALUES (:accountId, :holderName)
            ON CONFLICT (account_id) DO UPDATE SET holder_name = EXCLUDED.holder_name""", nativeQuery = true)
    void saveHolderName(UUID accountId, String holderName);

    /** Inserts a nameless row unless there is one; waits for a concurrent opening that is inserting it. */
    @Modifying
    @Query(value = "INSERT INTO order_customer (account_id) VALUES (:accountId) ON CONFLICT (account_id) DO NOTHING",
            nativeQuery = true)
    void insertIfAbsent(UUID accountId);

    @Query(value = "SELECT holder_name FROM order_customer WHERE account_id = :accountId", nativeQuery = true)
    Optional<String> findHolderName(UUID accountId);

    /** Waits for a concurrent opening that is naming the row, and keeps a later one waiting until this commits. */
    @Query(value = "SELECT holder_name FROM order_customer WHERE account_id = :accountId FOR UPDATE",
            nativeQuery = true)
    Optional<String> lockHolderName(UUID accountId);
}
