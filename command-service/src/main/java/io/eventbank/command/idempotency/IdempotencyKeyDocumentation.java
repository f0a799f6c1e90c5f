package io.eventbank.command.idempotency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.HandlerMethod;

/** Documents {@code Idempotency-Key} and its two refusals on every command (every POST) of the OpenAPI document. */
@Component
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
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        document(operation.getResponses(), "409", "urn:problem:idempotency-key-in-use: a request with the same "
                                                  + "Idempotency-Key is still being executed");
        document(operation.getResponses(), "422", "urn:problem:idempotency-key-reused: the Idempotency-Key was used "
                                                  + "for a different request");
        return operation;
    }

    private static void document(ApiResponses responses, String status, String description) {
        ApiResponse existing = responses.get(status);
        if (existing == null) {
            responses.addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType("application/problem+json", new MediaType())));
        } else if (existing.getDescription() == null || !existing.getDescription().contains(description)) {
            existing.setDescription((existing.getDescription() == null ? "" : existing.getDescription() + "; ")
                                    + description);
        }
    }
}
