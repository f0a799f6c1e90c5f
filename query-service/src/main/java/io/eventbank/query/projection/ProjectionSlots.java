package io.eventbank.query.projection;

import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every slot of every projection a processing group, and so a processor, of its own ({@link Slot#processor}).
 * The Spring bean of a projection serves the blue slot; its copy for the green slot is registered here. Both are
 * assigned to their group by instance, a rule that comes before the {@code @ProcessingGroup} of their class (the
 * public name, which thus names no processor).
 */
@Component
class ProjectionSlots implements ConfigurerModule {

    private static final int BEFORE_ANNOTATIONS = 100;

    private final ObjectProvider<SlottedProjection> projections;

    ProjectionSlots(ObjectProvider<SlottedProjection> projections) {
        this.projections = projections;
    }

    @Override
    public void configureModule(Configurer configurer) {
        EventProcessingConfigurer processing = configurer.eventProcessing();
        for (String name : ProjectionNames.ALL) {
            for (Slot slot : Slot.values()) {
                processing.assignHandlerInstancesMatching(slot.processor(name), BEFORE_ANNOTATIONS,
                        handler -> handler instanceof SlottedProjection projection
                                   && projection.projection().equals(name) && projection.slot() == slot);
                if (slot != Slot.BLUE) {
                    processing.registerEventHandler(configuration -> bean(name).inSlot(slot));
                }
            }
        }
    }

    private SlottedProjection bean(String name) {
        return projections.stream().filter(projection -> projection.projection().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no projection bean named " + name));
    }
}
