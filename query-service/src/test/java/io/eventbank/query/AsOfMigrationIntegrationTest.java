package io.eventbank.query;

import io.eventbank.testsupport.PostgresDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code V11__as_of.sql} on a read model that holds rows: it fills the status changes the rows tell, and asks for a
 * rebuild of each projection that has rows in its idle slot, so that the status changes in between come from the
 * events; a fresh (empty) read model is not rebuilt.
 */
class AsOfMigrationIntegrationTest {

    private String database;
    private PGSimpleDataSource dataSource;
    private JdbcClient sql;

    @BeforeEach
    void readModelAtV10() {
        database = PostgresDatabases.create("it");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PostgresDatabases.jdbcUrl(database));
        dataSource.setUser(PostgresDatabases.user());
        dataSource.setPassword(PostgresDatabases.password());
        sql = JdbcClient.create(dataSource);
        flyway("10").migrate();
    }

    @AfterEach
    void drop() {
        PostgresDatabases.drop(database);
    }

    @Test
    void aReadModelWithRowsKeepsWhatTheyTellAndIsRebuiltBesideTheLiveOne() {
        sql.sql("""
                INSERT INTO accounts_blue.account_summary
                    (account_id, holder_name, balance, status, version, opened_at, updated_at, owner)
                VALUES ('00000000-0000-0000-0000-000000000001', 'Open', 5.00, 'OPEN', 3, '2026-01-01T00:00:00Z',
                        '2026-01-02T00:00:00Z', NULL),
                       ('00000000-0000-0000-0000-000000000002', 'Closed', 0.00, 'CLOSED', 4, '2026-01-01T00:00:00Z',
                        '2026-01-03T00:00:00Z', NULL)""").update();
        sql.sql("INSERT INTO token_entry (processor_name, segment) VALUES ('accounts-green', 0), ('orders-green', 0)")
                .update();

        flyway(null).migrate();

        assertThat(sql.sql("SELECT account_id::text || ':' || sequence || ':' || status FROM account_status_change "
                           + "ORDER BY 1").query(String.class).list())
                .containsExactly("00000000-0000-0000-0000-000000000001:0:OPEN",
                        "00000000-0000-0000-0000-000000000002:0:OPEN", "00000000-0000-0000-0000-000000000002:4:CLOSED");
        assertThat(sql.sql("SELECT projection || ':' || active_slot || ':' || coalesce(building_slot, 'none') "
                           + "FROM projection_generation ORDER BY projection").query(String.class).list())
                .containsExactly("accounts:blue:green", "orders:blue:none");
        assertThat(sql.sql("SELECT processor_name FROM token_entry ORDER BY 1").query(String.class).list())
                .containsExactly("orders-green");
        assertThat(sql.sql("SELECT count(*) FROM order_status_change").query(Long.class).single()).isZero();
    }

    @Test
    void aFreshReadModelIsNotRebuilt() {
        flyway(null).migrate();

        assertThat(sql.sql("SELECT count(*) FROM projection_generation WHERE building_slot IS NOT NULL")
                .query(Long.class).single()).isZero();
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(dataSource).locations("classpath:db/readmodel");
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }
}
