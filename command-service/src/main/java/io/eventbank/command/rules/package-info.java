/** Why the aggregates refuse a command: the rule violations they throw, free of the web layer that maps them. */
package io.eventbank.command.rules;
