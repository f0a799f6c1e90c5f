package io.eventbank.query.projection;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One of the two places a projection's read model lives in: its tables in the schema {@code <projection>_<slot>},
 * filled by the processor (and processing group) {@code <projection>-<slot>}. One slot is active (the public views
 * read it), the other idle, or being rebuilt by a replay ({@link Generations}).
 */
public enum Slot {
    BLUE,
    GREEN;

    /** As stored in {@code projection_generation} and shown by the admin status. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Slot other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** The processor, and processing group, that fills this slot of the projection. */
    public String processor(String projection) {
        return projection + "-" + id();
    }

    /** The schema that holds this slot's tables of the projection. */
    public String schema(String projection) {
        return projection + "_" + id();
    }

    static Slot of(String id) {
        return id == null ? null : valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The processors of every slot of every projection. */
    static List<String> allProcessors() {
        return ProjectionNames.ALL.stream().flatMap(name -> Stream.of(values()).map(slot -> slot.processor(name)))
                .toList();
    }
}
