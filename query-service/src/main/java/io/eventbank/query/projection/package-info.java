/**
 * The projection pipeline every projection shares: batch writes, isolation of a failing event, the record of failing
 * segments, dead letters, status, health and replay. It knows the projections by name only.
 */
package io.eventbank.query.projection;
