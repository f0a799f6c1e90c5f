/** The read side: projections of the event store into read-model tables, answered over REST. */
package io.eventbank.query;
