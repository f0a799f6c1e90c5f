/** Reconciliation: every event folded and compared with every read-model row. */
package io.eventbank.query.reconciliation;
