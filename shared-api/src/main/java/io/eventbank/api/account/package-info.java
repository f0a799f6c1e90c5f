/** Commands, events and queries of the Account aggregate. */
package io.eventbank.api.account;
