/** An aggregate's events as stored, from its first, read from the event store and upcast to their current shape. */
package io.eventbank.query.history;
