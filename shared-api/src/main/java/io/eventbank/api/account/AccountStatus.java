package io.eventbank.api.account;

/** Whether an account still takes commands. */
public enum AccountStatus {
    OPEN,
    CLOSED
}
