/**
 * Axon Framework on PostgreSQL without Axon Server: the wiring both services share, and the event store schema
 * ({@code db/eventstore}, Flyway) that the command service migrates and the query service reads.
 */
package io.eventbank.axon;
