/** Axon wiring of the write side: event store schema, snapshots, caching and retries of concurrent appends. */
package io.eventbank.command.axon;
