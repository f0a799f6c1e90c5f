/** What the REST edge shares: command results with ETags, If-Match parsing and the problem+json error mapping. */
package io.eventbank.command.web;
