/** The write side: aggregates decide, the event store keeps every decision. */
package io.eventbank.command;
