/** The event stream on Kafka: a streaming processor that publishes every stored event, its settings and status. */
package io.eventbank.command.publisher;
