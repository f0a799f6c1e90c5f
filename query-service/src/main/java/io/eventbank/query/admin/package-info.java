/** Projection admin: how far each event processor is, which segments fail and why, and replays. */
package io.eventbank.query.admin;
