/** The Order aggregate, the payment saga and the order REST commands. */
package io.eventbank.command.order;
