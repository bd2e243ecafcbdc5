package dev.cutover.kit.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import dev.cutover.kit.security.Caller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.util.Map;
import java.util.Set;

/**
 * Makes the generated description speak the API's conventions: snake_case property names (springdoc
 * resolves schemas with its own mapper, not the application's), the {@code bearerAuth} scheme required by
 * default, and the shared problem responses named by {@link ErrorResponses}.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiConventions {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String BEARER = "bearerAuth";

    private static final Map<Integer, String> RESPONSE_NAMES = Map.ofEntries(
            Map.entry(400, "BadRequest"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "NotFound"), Map.entry(409, "Conflict"), Map.entry(413, "PayloadTooLarge"),
            Map.entry(415, "UnsupportedMediaType"), Map.entry(422, "UnprocessableEntity"),
            Map.entry(429, "TooManyRequests"), Map.entry(503, "ServiceUnavailable"));

    static {
        // The caller is resolved from the bearer token, not sent as a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    ModelResolver snakeCaseModelResolver() {
        ObjectMapper mapper = Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        return new ModelResolver(mapper);
    }

    @Bean
    ModelConverter recordSchemas() {
        return new RecordSchemas();
    }

    @Bean
    OperationCustomizer errorResponses() {
        return (operation, handlerMethod) -> {
            ErrorResponses errors = handlerMethod.getMethodAnnotation(ErrorResponses.class);
            if (errors != null) {
                for (int status : errors.value()) {
                    String name = RESPONSE_NAMES.get(status);
                    if (name == null) {
                        throw new IllegalStateException("no shared problem response for status " + status
                                + " on " + handlerMethod.getShortLogMessage());
                    }
                    operation.getResponses().addApiResponse(String.valueOf(status),
                            new ApiResponse().$ref("#/components/responses/" + name));
                }
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer problemComponents() {
        return openApi -> {
            Components components = openApi.getComponents();
            if (components == null) {
                components = new Components();
                openApi.setComponents(components);
            }
            ModelConverters.getInstance(true).readAll(ProblemDocument.class).forEach(components::addSchemas);
            components.addSecuritySchemes(BEARER, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"));
            for (Map.Entry<Integer, String> entry : RESPONSE_NAMES.entrySet()) {
                components.addResponses(entry.getValue(), problemResponse(entry.getKey()));
            }
            openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
        };
    }

    private static ApiResponse problemResponse(int status) {
        ApiResponse response = new ApiResponse()
                .description("Problem (`application/problem+json`) with a stable `code`.")
                .content(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", header("string", null));
        }
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", header("integer", "int32"));
        }
        return response;
    }

    private static Header header(String type, String format) {
        Schema<Object> schema = new Schema<>();
        schema.setTypes(Set.of(type));
        schema.setFormat(format);
        return new Header().schema(schema);
    }
}
