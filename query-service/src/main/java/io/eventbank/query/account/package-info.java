/** Accounts as the read side keeps them: a summary per account and a ledger of its balance changes. */
package io.eventbank.query.account;
