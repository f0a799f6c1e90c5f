/** Commands, events and queries of the Order aggregate and its payment. */
package io.eventbank.api.order;
