package io.eventbank.command.publisher;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Conditional(EventStreamEnabled.class)
@RequestMapping(path = "/api/admin/publisher", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "publisher", description = "The event stream on Kafka (admin only; present when the stream is on)")
class PublisherController {

    private final PublisherMonitor monitor;

    PublisherController(PublisherMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping
    @Operation(summary = "How far the event stream got: position, head, lag, state and the last error")
    PublisherStatus status() {
        return monitor.status();
    }
}
