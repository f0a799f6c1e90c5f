package io.eventbank.bench;

import io.eventbank.api.account.AccountChargedForOrder;
import io.eventbank.api.account.AccountOpened;
import io.eventbank.api.account.MoneyDeposited;
import io.eventbank.api.account.MoneyWithdrawn;
import io.eventbank.api.common.Money;
import io.eventbank.api.order.OrderLine;
import io.eventbank.api.order.OrderPaid;
import io.eventbank.api.order.OrderPlaced;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Writes valid event histories straight into an event store with {@code COPY}, as if the command service had
 * appended them one command at a time: every account opens first, balances never go below zero, each aggregate's
 * sequence numbers count from 0, and time stamps rise by a millisecond per event.
 */
final class EventGenerator implements AutoCloseable {

    private static final int FLUSH_BYTES = 1 << 20;

    private final Connection connection;
    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(FLUSH_BYTES + 4096);
    private final Random random = new Random(42);
    private Instant clock;
    private long written;

    EventGenerator(String database, Instant firstTimeStamp) throws SQLException {
        this.connection = EventStoreSchema.connect(database);
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(SerializedEvent.COPY);
        this.clock = firstTimeStamp;
    }

    private static final class Account {
        final UUID id = UUID.randomUUID();
        long sequence;
        BigDecimal balance = BigDecimal.ZERO.setScale(2);
    }

    /**
     * About {@code events} events of {@code accounts} accounts: each opens, then deposits and withdrawals of up to
     * 100.00, and every 30th step an order of one to three lines that the payment saga charges and marks paid.
     */
    void mixedHistory(int accounts, long events) throws SQLException {
        List<Account> all = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            Account account = new Account();
            all.add(account);
            accountEvent(account, new AccountOpened(account.id, "Holder " + i, "bench-customer"));
        }
        while (written < events) {
            Account account = all.get(random.nextInt(all.size()));
            BigDecimal amount = BigDecimal.valueOf(1 + random.nextInt(10_000), 2);
            if (random.nextInt(30) == 0 && account.balance.compareTo(amount) >= 0) {
                order(account);
            } else if (random.nextBoolean() && account.balance.compareTo(amount) >= 0) {
                account.balance = account.balance.subtract(amount);
                accountEvent(account, new MoneyWithdrawn(account.id, Money.of(amount), Money.of(account.balance)));
            } else {
                account.balance = account.balance.add(amount);
                accountEvent(account, new MoneyDeposited(account.id, Money.of(amount), Money.of(account.balance)));
            }
        }
    }

    /** An account that opens and then takes {@code events - 1} deposits of 1.00; answers its id. */
    String longAccount(long events) throws SQLException {
        Account account = new Account();
        accountEvent(account, new AccountOpened(account.id, "Long " + account.id.toString().substring(0, 8), "bench-customer"));
        for (long i = 1; i < events; i++) {
            account.balance = account.balance.add(BigDecimal.ONE);
            accountEvent(account, new MoneyDeposited(account.id, Money.of(BigDecimal.ONE), Money.of(account.balance)));
        }
        return account.id.toString();
    }

    long written() {
        return written;
    }

    private void order(Account account) throws SQLException {
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            BigDecimal price = BigDecimal.valueOf(1 + random.nextInt(2_000), 2);
            int quantity = 1 + random.nextInt(3);
            lines.add(new OrderLine("sku-" + random.nextInt(500), quantity, Money.of(price)));
            total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
        }
        if (account.balance.compareTo(total) < 0) {
            return;
        }
        UUID orderId = UUID.randomUUID();
        String trace = UUID.randomUUID().toString();
        write(SerializedEvent.of("Order", orderId.toString(), 0,
                new OrderPlaced(orderId, account.id, lines, Money.of(total), "bench-customer"), trace, trace, tick()));
        account.balance = account.balance.subtract(total);
        write(SerializedEvent.of("Account", account.id.toString(), account.sequence++,
                new AccountChargedForOrder(account.id, orderId, Money.of(total), Money.of(account.balance)),
                trace, UUID.randomUUID().toString(), tick()));
        write(SerializedEvent.of("Order", orderId.toString(), 1, new OrderPaid(orderId, account.id, Money.of(total)),
                trace, UUID.randomUUID().toString(), tick()));
    }

    private void accountEvent(Account account, Object event) throws SQLException {
        String trace = UUID.randomUUID().toString();
        write(SerializedEvent.of("Account", account.id.toString(), account.sequence++, event, trace, trace, tick()));
    }

    private Instant tick() {
        clock = clock.plusMillis(1);
        return clock;
    }

    private void write(SerializedEvent event) throws SQLException {
        buffer.append(event.csv());
        written++;
        if (buffer.length() >= FLUSH_BYTES) {
            flush();
        }
    }

    private void flush() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
            copy.endCopy();
        } finally {
            connection.close();
        }
    }
}
