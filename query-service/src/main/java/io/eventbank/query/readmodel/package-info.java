/** What every read-model table shares: rows inserted without a look-up first, and Spring Data pages as query results. */
package io.eventbank.query.readmodel;
