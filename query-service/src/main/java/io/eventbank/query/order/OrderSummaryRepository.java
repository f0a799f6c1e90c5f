package io.eventbank.query.order;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import java.util.UUID;

interface OrderSummaryRepository extends JpaRepository<OrderSummary, UUID>, JpaSpecificationExecutor<OrderSummary> {
}
