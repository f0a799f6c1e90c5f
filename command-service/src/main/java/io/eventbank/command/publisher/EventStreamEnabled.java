package io.eventbank.command.publisher;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code eventbank.kafka.bootstrap-servers} has a value. {@code @ConditionalOnProperty} would match the
 * empty value {@code application.yml} gives it when {@code KAFKA_BOOTSTRAP_SERVERS} is unset.
 */
class EventStreamEnabled extends SpringBootCondition {

    static final String PROPERTY = "eventbank.kafka.bootstrap-servers";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY))
                ? ConditionOutcome.match(PROPERTY + " is set")
                : ConditionOutcome.noMatch(PROPERTY + " is blank: the event stream is off");
    }
}
