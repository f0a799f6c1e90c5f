package io.eventbank.query.account;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface AccountSummaryRepository extends JpaRepository<AccountSummary, UUID> {
}
