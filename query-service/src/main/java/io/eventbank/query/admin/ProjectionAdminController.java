package io.eventbank.query.admin;

import io.eventbank.query.projection.DeadLetters;
import io.eventbank.query.projection.ProjectionStatus;
import io.eventbank.query.projection.Projections;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/admin/projections")
class ProjectionAdminController {

    private final Projections projections;

    ProjectionAdminController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    List<ProjectionStatus> projections() {
        return projections.statuses();
    }

    /**
     * Starts rebuilding the projection's read model from the first event beside the one the queries keep reading,
     * which it replaces once caught up; answers before the rebuild is done.
     */
    @PostMapping("/{name}/replay")
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(projections.replay(name));
    }

    /** Handles the projection's parked events again, in order; answers what was drained and what is left. */
    @PostMapping("/{name}/dead-letters/retry")
    DeadLetters.RetryResult retryDeadLetters(@PathVariable String name) {
        return projections.retryDeadLetters(name);
    }
}
