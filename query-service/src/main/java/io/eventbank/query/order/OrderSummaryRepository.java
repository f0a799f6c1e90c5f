package io.eventbank.query.order;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.UUID;

interface OrderSummaryRepository extends JpaRepository<OrderSummary, UUID>, JpaSpecificationExecutor<OrderSummary> {

    List<OrderSummary> findByAccountIdAndCustomerNameIsNull(UUID accountId);

    @Modifying
    @Query(value = "DELETE FROM order_line", nativeQuery = true)
    void deleteAllLines();
}
