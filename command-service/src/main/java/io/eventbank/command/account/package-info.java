/** The Account aggregate, its rules and its REST commands. */
package io.eventbank.command.account;
