package io.eventbank.query;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Where a projection's read model lives now: the schema of its active slot, the one its public views read. */
final class ActiveSlots {

    private ActiveSlots() {
    }

    static String schema(JdbcClient readModel, String projection) {
        return readModel.sql("SELECT projection || '_' || active_slot FROM projection_generation WHERE projection = ?")
                .param(projection).query(String.class).single();
    }

    /** The schema of the slot that is not active: the one a replay rebuilds. */
    static String idleSchema(JdbcClient readModel, String projection) {
        return readModel.sql("""
                        SELECT projection || '_' || CASE active_slot WHEN 'blue' THEN 'green' ELSE 'blue' END
                        FROM projection_generation WHERE projection = ?""")
                .param(projection).query(String.class).single();
    }
}
