/** The read side's wiring: its two databases, the event store it reads and the processors that project it. */
package io.eventbank.query.axon;
