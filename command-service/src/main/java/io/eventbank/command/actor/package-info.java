/** Who acts: the caller in every command's and event's metadata, and the one rule of who may act on what. */
package io.eventbank.command.actor;
