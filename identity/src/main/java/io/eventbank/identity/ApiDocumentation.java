package io.eventbank.identity;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the OpenAPI documents of both services say about every operation without each controller repeating it:
 * <ul>
 *     <li>the problems every operation can answer, as {@code application/problem+json} with the {@code Problem}
 *     schema and, per status, the problem types that come with it: 400 {@code invalid-request}, 401 (with
 *     {@code WWW-Authenticate}), 403, 406 and 503 (with {@code Retry-After}: the identity provider cannot be
 *     reached) everywhere; 404 where a path names a resource; 400 {@code validation} and
 *     {@code malformed-request}, 413 and 415 where a JSON body is read; 412 where {@code If-Match} is taken; and
 *     what a {@link ProblemResponse} adds;</li>
 *     <li>the success status and headers a {@link SuccessResponse} names;</li>
 *     <li>{@code application/json} as the media type of every success (Spring's default is any type);</li>
 *     <li>request bodies that refuse unknown fields, as the services do.</li>
 * </ul>
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocumentation {

    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";
    private static final String PREFIX = "urn:problem:";

    /** The response headers an operation may name, with what they say. */
    public static final Map<String, String> HEADERS = Map.of(
            "ETag", "the aggregate's version after the command, in quotes: send it as If-Match to make the next "
                    + "command conditional",
            "Location", "where the new resource can be read",
            "Event-Position", "the global position of the command's last event, e.g. 1042: send it as "
                    + "Min-Event-Position on a query-service GET to read this write",
            "Retry-After", "seconds to wait before trying again",
            "WWW-Authenticate", "Bearer, with error=\"invalid_token\" when a token was given");

    private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(400, "The request is malformed, or a value is outside its bounds"),
            Map.entry(401, "No bearer token, or one that is not valid"),
            Map.entry(403, "The caller's role may not do this"),
            Map.entry(404, "No such resource, or one the caller may not see"),
            Map.entry(406, "The Accept header names no media type the operation answers"),
            Map.entry(409, "A conflicting change or operation"),
            Map.entry(412, "If-Match names another version than the current one"),
            Map.entry(413, "The request body is larger than the service takes"),
            Map.entry(415, "The request body is not JSON"),
            Map.entry(422, "A business rule refuses the command"),
            Map.entry(503, "A service this one depends on cannot be reached now; try again after Retry-After"));

    /** After every other customizer, so that it sees each parameter they add. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OperationCustomizer documentedResponses() {
        return ApiDocumentation::document;
    }

    @Bean
    OpenApiCustomizer problemSchemaAndMediaTypes() {
        return ApiDocumentation::complete;
    }

    static Operation document(Operation operation, HandlerMethod handler) {
        Map<Integer, Set<String>> problems = new TreeMap<>();
        add(problems, 400, "invalid-request");
        add(problems, 401, "unauthorized");
        add(problems, 403, "forbidden");
        add(problems, 406, "not-acceptable");
        add(problems, 503, "unavailable");
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
            add(problems, 404, "not-found");
        }
        if (parameters.stream().anyMatch(parameter -> "If-Match".equalsIgnoreCase(parameter.getName()))) {
            add(problems, 412, "version-mismatch");
        }
        if (parameters.stream().anyMatch(parameter -> "Min-Event-Position".equalsIgnoreCase(parameter.getName()))) {
            add(problems, 503, "not-yet-consistent");
        }
        if (parameters.stream().anyMatch(parameter -> "Idempotency-Key".equalsIgnoreCase(parameter.getName()))) {
            add(problems, 409, "idempotency-key-in-use");
            add(problems, 422, "idempotency-key-reused");
        }
        if (operation.getRequestBody() != null) {
            add(problems, 400, "validation", "malformed-request");
            add(problems, 413, "content-too-large");
            add(problems, 415, "unsupported-media-type");
        }
        Set<ProblemResponse> declared = new HashSet<>(AnnotatedElementUtils.findMergedRepeatableAnnotations(
                handler.getBeanType(), ProblemResponse.class));
        declared.addAll(AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                ProblemResponse.class));
        declared.forEach(problem -> add(problems, problem.status(), problem.types()));

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        SuccessResponse success = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), SuccessResponse.class);
        if (success == null) {
            success = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), SuccessResponse.class);
        }
        if (success != null) {
            ApiResponse ok = responses.remove("200");
            if (ok == null) {
                ok = new ApiResponse();
            }
            if (!success.description().isEmpty()) {
                ok.setDescription(success.description());
            }
            for (String header : success.headers()) {
                ok.addHeaderObject(header, header(header));
            }
            responses.addApiResponse(String.valueOf(success.status()), ok);
        }
        problems.forEach((status, types) -> responses.addApiResponse(String.valueOf(status), problem(status, types)));
        operation.setResponses(sorted(responses));
        return operation;
    }

    private static void add(Map<Integer, Set<String>> problems, int status, String... types) {
        problems.computeIfAbsent(status, key -> new TreeSet<>()).addAll(List.of(types));
    }

    private static ApiResponse problem(int status, Set<String> types) {
        List<String> uris = types.stream().map(type -> PREFIX + type).toList();
        Schema<?> typeSchema = new StringSchema();
        uris.forEach(uri -> ((StringSchema) typeSchema).addEnumItem(uri));
        Schema<?> schema = new Schema<>().allOf(List.of(
                new Schema<>().$ref("#/components/schemas/" + PROBLEM),
                new ObjectSchema().addProperty("type", typeSchema)));
        ApiResponse response = new ApiResponse()
                .description(DESCRIPTIONS.getOrDefault(status, "A problem") + ": " + String.join(", ", uris))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(schema)));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", header("WWW-Authenticate"));
        }
        if (status == 503) {
            response.addHeaderObject("Retry-After", header("Retry-After"));
        }
        return response;
    }

    private static Header header(String name) {
        String description = HEADERS.get(name);
        if (description == null) {
            throw new IllegalArgumentException("no description of the response header " + name);
        }
        Schema<?> schema = switch (name) {
            case "Retry-After" -> new IntegerSchema().minimum(java.math.BigDecimal.ZERO);
            case "Event-Position" -> new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO);
            default -> new StringSchema();
        };
        return new Header().description(description).required(true).schema(schema);
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }

    static void complete(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(PROBLEM, problemSchema());
        api.setServers(List.of(new Server().url("/").description("this service")));
        if (api.getComponents().getSchemas() != null) {
            api.getComponents().getSchemas().values().forEach(ApiDocumentation::withoutFalseExclusives);
        }
        Set<String> requestSchemas = new TreeSet<>();
        if (api.getPaths() != null) {
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> answerJson(response.getContent()));
                }
                if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    operation.getRequestBody().getContent().values()
                            .forEach(media -> referenced(api, media.getSchema(), requestSchemas));
                }
            }));
        }
        requestSchemas.forEach(name -> api.getComponents().getSchemas().get(name).setAdditionalProperties(false));
    }

    /** {@code exclusiveMaximum: false} says nothing, and Redocly's check of examples reads it as a number. */
    private static void withoutFalseExclusives(Schema<?> schema) {
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> {
                if (Boolean.FALSE.equals(property.getExclusiveMaximum())) {
                    property.setExclusiveMaximum(null);
                }
                if (Boolean.FALSE.equals(property.getExclusiveMinimum())) {
                    property.setExclusiveMinimum(null);
                }
            });
        }
    }

    /** Spring answers a body in JSON unless asked for another type it knows; springdoc says any type. */
    private static void answerJson(Content content) {
        if (content != null && content.containsKey("*/*")) {
            MediaType any = content.remove("*/*");
            content.putIfAbsent(JSON, any);
        }
    }

    /** The component schemas a request schema names, itself included, recursively. */
    private static void referenced(OpenAPI api, Schema<?> schema, Set<String> names) {
        if (schema == null) {
            return;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            Schema<?> component = api.getComponents().getSchemas() == null ? null
                    : api.getComponents().getSchemas().get(name);
            if (component != null && names.add(name)) {
                referenced(api, component, names);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> referenced(api, property, names));
        }
        referenced(api, schema.getItems(), names);
    }

    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().description("the problem type, urn:problem:<name>")
                .pattern("^urn:problem:[a-z-]+$"));
        properties.put("title", new StringSchema().description("a short summary of the problem type"));
        properties.put("status", new IntegerSchema().description("the HTTP status")
                .minimum(java.math.BigDecimal.valueOf(400)).maximum(java.math.BigDecimal.valueOf(599)));
        properties.put("detail", new StringSchema().description("what went wrong with this request"));
        properties.put("instance", new StringSchema().description("the request's path"));
        properties.put("errors", new ArraySchema().description("each invalid field or parameter (400 only)")
                .items(new ObjectSchema()
                        .addProperty("field", new StringSchema().description("the field or parameter, e.g. items[0].quantity"))
                        .addProperty("message", new StringSchema())
                        .required(List.of("field", "message"))));
        return new ObjectSchema().description("An RFC 9457 problem: every error of the service")
                .properties(properties).required(new ArrayList<>(List.of("type", "title", "status")));
    }

    /**
     * Marks properties of a component schema as possibly {@code null}; a property that names another component
     * marks that component, which then should be named nowhere else.
     */
    public static void nullable(OpenAPI api, String schema, String... properties) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Schema<?> component = schemas == null ? null : schemas.get(schema);
        if (component == null) {
            return;
        }
        for (String name : properties) {
            Schema<?> property = component.getProperties() == null ? null : component.getProperties().get(name);
            if (property == null) {
                throw new IllegalArgumentException(schema + " has no property " + name);
            }
            if (property.get$ref() != null) {
                schemas.get(property.get$ref().substring(property.get$ref().lastIndexOf('/') + 1)).setNullable(true);
            } else {
                property.setNullable(true);
            }
        }
    }
}
