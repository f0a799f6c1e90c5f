package io.eventbank.query.admin;

import io.eventbank.query.reconciliation.Reconciliation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/reconciliation")
@Tag(name = "reconciliation", description = "Every event folded and compared with every read-model row (admin only)")
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /**
     * Folds every event of the store and compares the result with every read-model row; meaningful when the answer
     * says {@code caughtUp} and no commands arrived meanwhile.
     */
    @GetMapping
    @Operation(summary = "Fold every event and compare the result with every read-model row")
    Reconciliation.Report reconcile() {
        return reconciliation.run();
    }
}
