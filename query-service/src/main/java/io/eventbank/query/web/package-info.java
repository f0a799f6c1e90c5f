/** What the REST edge shares: paging of query results and the problem+json error mapping. */
package io.eventbank.query.web;
