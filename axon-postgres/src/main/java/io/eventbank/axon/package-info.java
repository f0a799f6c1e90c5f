/** Axon Framework on PostgreSQL without Axon Server: the wiring both services share. */
package io.eventbank.axon;
