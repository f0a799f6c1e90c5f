package io.eventbank.query.projection;

/** A replay refused because the projection's read model is being rebuilt already; answered 409. */
public class ReplayInProgressException extends RuntimeException {

    ReplayInProgressException(String projection, Slot building) {
        super("the read model of '" + projection + "' is being rebuilt already (slot " + building.id()
              + "); it switches when the rebuild has caught up, replay again afterwards");
    }
}
