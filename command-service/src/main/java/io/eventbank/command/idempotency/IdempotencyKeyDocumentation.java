package io.eventbank.command.idempotency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents {@code Idempotency-Key} on every command (every POST) of the OpenAPI document. It runs before the
 * shared {@code ApiDocumentation}, which answers an operation with this header with its two refusals (409
 * {@code idempotency-key-in-use}, 422 {@code idempotency-key-reused}) beside the operation's other problems.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdempotencyKeyDocumentation implements OperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        if (!handlerMethod.hasMethodAnnotation(PostMapping.class)) {
            return operation;
        }
        operation.addParametersItem(new HeaderParameter()
                .name(IdempotentCommands.HEADER)
                .required(false)
                .description("Makes a retry safe: a repeat with the same key and the same request (method, path, "
                             + "body) by the same caller is answered with the stored answer of the first, which "
                             + "committed, without running the command again. Kept at least 24 hours.")
                .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[!-~]+$")));
        return operation;
    }
}
