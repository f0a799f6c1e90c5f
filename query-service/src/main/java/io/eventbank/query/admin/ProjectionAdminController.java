package io.eventbank.query.admin;

import io.eventbank.query.projection.DeadLetters;
import io.eventbank.query.projection.ProjectionStatus;
import io.eventbank.query.projection.Projections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.eventbank.identity.ProblemResponse;
import io.eventbank.identity.SuccessResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "projections", description = "Projection status, replay and parked events (admin only)")
class ProjectionAdminController {

    private final Projections projections;

    ProjectionAdminController(Projections projections) {
        this.projections = projections;
    }

    @GetMapping
    @Operation(summary = "Every projection: position, lag, segments, failures and parked events")
    List<ProjectionStatus> projections() {
        return projections.statuses();
    }

    /**
     * Starts rebuilding the projection's read model from the first event beside the one the queries keep reading,
     * which it replaces once caught up; answers before the rebuild is done.
     */
    @PostMapping("/{name}/replay")
    @Operation(summary = "Rebuild the projection's read model from the first event, beside the one read now")
    @SuccessResponse(status = 202, description = "The rebuild started; the status says how far it is")
    @ProblemResponse(status = 409, types = "replay-in-progress")
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        return ResponseEntity.accepted().body(projections.replay(name));
    }

    /** Handles the projection's parked events again, in order; answers what was drained and what is left. */
    @PostMapping("/{name}/dead-letters/retry")
    @Operation(summary = "Handle the projection's parked events again, in order")
    DeadLetters.RetryResult retryDeadLetters(@PathVariable String name) {
        return projections.retryDeadLetters(name);
    }
}
