package io.eventbank.command.publisher;

import org.springframework.context.annotation.Conditional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Conditional(EventStreamEnabled.class)
@RequestMapping("/api/admin/publisher")
class PublisherController {

    private final PublisherMonitor monitor;

    PublisherController(PublisherMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping
    PublisherStatus status() {
        return monitor.status();
    }
}
