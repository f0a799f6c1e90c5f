package io.eventbank.query.projection;

/**
 * A projection whose read model lives in two slots. Its Spring bean serves the {@link Slot#BLUE} slot (and answers the
 * queries); {@link ProjectionSlots} asks it for its copy of every other slot and gives each copy a processor of its
 * own. A copy writes into its slot's schema only, naming it in every statement.
 */
public interface SlottedProjection {

    /** The public name: the projection's name in the admin, the dead letters, the health and the reconciliation. */
    String projection();

    Slot slot();

    /** This projection's event handlers writing into the given slot. */
    SlottedProjection inSlot(Slot slot);
}
