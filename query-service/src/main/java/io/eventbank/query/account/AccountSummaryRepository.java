package io.eventbank.query.account;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface AccountSummaryRepository extends JpaRepository<AccountSummary, UUID> {

    Page<AccountSummary> findByOwner(String owner, Pageable page);
}
