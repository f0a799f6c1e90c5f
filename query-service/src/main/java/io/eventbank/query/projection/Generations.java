package io.eventbank.query.projection;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.lifecycle.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The generations of the projections' read models: which slot every replica serves ({@code active_slot} of
 * {@code projection_generation}) and which one a replay is rebuilding beside it ({@code building_slot}).
 * <p>
 * Every replica checks them every second, and at once when a replay is requested on it: the active slot's processor
 * runs, the building slot's runs while it builds, an idle slot's is shut down (Axon starts them all at start-up).
 * When every segment of the building slot has reached the active slot's position and none of them fails, the first
 * replica to see it switches, in one transaction under the generation row's lock: the public views select from the
 * building slot's tables, which becomes the active slot. The other replicas follow within a second; a query reads
 * one slot or the other, never a half-built one.
 */
@Component
public class Generations implements ConfigurerModule {

    /** Where a projection stands: the slot its views read, and the slot being rebuilt ({@code null}: none). */
    public record Generation(String projection, Slot active, Slot building) {

        boolean runs(Slot slot) {
            return slot == active || slot == building;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Generations.class);
    private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Tokens tokens;
    private ScheduledExecutorService scheduler;

    Generations(@Lazy EventProcessingConfiguration processing, JdbcClient jdbc,
                PlatformTransactionManager transactionManager, Tokens tokens) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.tokens = tokens;
    }

    /** Right after Axon has started every processor, and stopped before any is shut down. */
    @Override
    public void configureModule(Configurer configurer) {
        configurer.onStart(Phase.INBOUND_EVENT_CONNECTORS + 1, this::start);
        configurer.onShutdown(Phase.INBOUND_EVENT_CONNECTORS + 1, this::stop);
    }

    public Generation of(String projection) {
        return jdbc.sql("SELECT projection, active_slot, building_slot FROM projection_generation WHERE projection = ?")
                .param(projection)
                .query(Generations::generation)
                .optional()
                .orElseThrow(() -> new UnknownProjectionException(projection));
    }

    /**
     * Starts rebuilding the projection in its idle slot: empties that slot's tables and forgets its tokens (its
     * processor starts again from the first event), dead letters and failures, in one transaction.
     */
    synchronized Generation replay(String projection) {
        if (!ProjectionNames.ALL.contains(projection)) {
            throw new UnknownProjectionException(projection);
        }
        // the idle slot's processor may still run here for a moment after a switch
        follow(of(projection));
        Generation rebuilding = transaction.execute(status -> {
            Generation current = locked(projection);
            if (current.building() != null) {
                throw new ReplayInProgressException(projection, current.building());
            }
            Slot idle = current.active().other();
            String schema = idle.schema(projection);
            String processor = idle.processor(projection);
            jdbc.sql("TRUNCATE " + tables(schema).stream().map(table -> schema + "." + table)
                    .collect(Collectors.joining(", "))).update();
            jdbc.sql("DELETE FROM token_entry WHERE processor_name = ?").param(processor).update();
            jdbc.sql("DELETE FROM dead_letter_entry WHERE processing_group = ?").param(processor).update();
            jdbc.sql("DELETE FROM projection_error WHERE processor_name = ?").param(processor).update();
            jdbc.sql("UPDATE projection_generation SET building_slot = ?, requested_at = now() WHERE projection = ?")
                    .params(idle.id(), projection).update();
            return new Generation(projection, current.active(), idle);
        });
        log.info("Replaying projection {}: rebuilding slot {} from the first event beside the active slot {}",
                projection, rebuilding.building().id(), rebuilding.active().id());
        follow(rebuilding);
        return rebuilding;
    }

    /** One round of every projection: runs the processors the generation wants here, and switches when built. */
    synchronized void check() {
        for (String projection : ProjectionNames.ALL) {
            try {
                Generation generation = of(projection);
                follow(generation);
                if (generation.building() != null && built(generation)) {
                    switchOver(generation);
                }
            } catch (RuntimeException e) {
                log.warn("Could not check the generation of projection {}: {}", projection, e.toString());
            }
        }
    }

    /** Starts the processors of the slots the generation runs, shuts down the other's. */
    private void follow(Generation generation) {
        for (Slot slot : Slot.values()) {
            String name = slot.processor(generation.projection());
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow(() -> new IllegalStateException("no processor " + name));
            if (generation.runs(slot) && !processor.isRunning()) {
                log.info("Starting processor {}", name);
                processor.start();
            } else if (!generation.runs(slot) && processor.isRunning()) {
                log.info("Shutting down processor {}: its slot is idle", name);
                processor.shutDown();
            }
        }
    }

    /** Every segment of the building slot has reached the active slot's position, and none of them fails. */
    private boolean built(Generation generation) {
        List<Tokens.Row> building = tokens.of(generation.building().processor(generation.projection()));
        long target = Tokens.position(tokens.of(generation.active().processor(generation.projection())));
        return !building.isEmpty() && Tokens.position(building) >= target
               && jdbc.sql("SELECT count(*) FROM projection_error WHERE processor_name = ?")
                          .param(generation.building().processor(generation.projection()))
                          .query(Long.class).single() == 0;
    }

    private void switchOver(Generation seen) {
        String projection = seen.projection();
        Boolean switched = transaction.execute(status -> {
            Generation current = locked(projection);
            if (current.building() != seen.building() || !built(current)) {
                return false;
            }
            String schema = current.building().schema(projection);
            for (String table : tables(schema)) {
                jdbc.sql("CREATE OR REPLACE VIEW public." + table + " AS SELECT * FROM " + schema + "." + table)
                        .update();
            }
            jdbc.sql("""
                            UPDATE projection_generation SET active_slot = building_slot, building_slot = NULL,
                                   switched_at = now()
                            WHERE projection = ?""")
                    .param(projection).update();
            return true;
        });
        if (Boolean.TRUE.equals(switched)) {
            log.info("Switched projection {} from slot {} (position {}) to the rebuilt slot {} (position {})",
                    projection, seen.active().id(),
                    Tokens.position(tokens.of(seen.active().processor(projection))), seen.building().id(),
                    Tokens.position(tokens.of(seen.building().processor(projection))));
            follow(of(projection));
        }
    }

    private Generation locked(String projection) {
        return jdbc.sql("""
                        SELECT projection, active_slot, building_slot FROM projection_generation
                        WHERE projection = ? FOR UPDATE""")
                .param(projection)
                .query(Generations::generation)
                .single();
    }

    private static Generation generation(ResultSet row, int n) throws SQLException {
        return new Generation(row.getString("projection"), Slot.of(row.getString("active_slot")),
                Slot.of(row.getString("building_slot")));
    }

    /** The tables of a slot's schema: what its public views show. */
    private List<String> tables(String schema) {
        return jdbc.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name""")
                .param(schema).query(String.class).list();
    }

    private void start() {
        check();
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("projection-generations").daemon().factory());
        scheduler.scheduleWithFixedDelay(this::check, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
