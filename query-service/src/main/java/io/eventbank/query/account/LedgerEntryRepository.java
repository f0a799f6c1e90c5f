package io.eventbank.query.account;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface LedgerEntryRepository extends JpaRepository<LedgerEntry, LedgerEntry.Key> {

    Page<LedgerEntry> findByIdAccountId(UUID accountId, Pageable pageable);
}
