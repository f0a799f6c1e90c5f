/** Admin endpoints: projection status, replay, dead-letter retry and reconciliation. Endpoints only. */
package io.eventbank.query.admin;
