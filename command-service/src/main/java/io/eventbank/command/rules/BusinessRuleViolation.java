package io.eventbank.command.rules;

/**
 * A command refused by a business rule; answered 422 with {@code urn:problem:<rule>} as the problem type.
 * Subclasses name the rule; the aggregate throws them before it applies anything, so a refusal leaves no event.
 */
public abstract class BusinessRuleViolation extends RuntimeException {

    private final String rule;

    protected BusinessRuleViolation(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
