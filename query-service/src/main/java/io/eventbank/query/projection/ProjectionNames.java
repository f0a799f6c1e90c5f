package io.eventbank.query.projection;

import java.util.List;

/** The projections of this service, by the public name every component uses for them. */
public final class ProjectionNames {

    public static final String ACCOUNTS = "accounts";
    public static final String ORDERS = "orders";
    public static final List<String> ALL = List.of(ACCOUNTS, ORDERS);

    private ProjectionNames() {
    }
}
