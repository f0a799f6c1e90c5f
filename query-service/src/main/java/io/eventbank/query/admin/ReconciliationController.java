package io.eventbank.query.admin;

import io.eventbank.query.reconciliation.Reconciliation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/reconciliation")
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
    Reconciliation.Report reconcile() {
        return reconciliation.run();
    }
}
