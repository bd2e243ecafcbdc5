package dev.cutover.kit.openapi;

import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/** The shape of every error body, for the API description only (responses are built by {@code Problems}). */
@Schema(name = "Problem", description = "RFC 9457 problem details, served as application/problem+json.")
record ProblemDocument(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri") URI type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "int32") Integer status,
        String detail,
        @Schema(format = "uri") URI instance,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Stable machine-readable error code.") String code,
        List<FieldErrorDocument> errors) {

    @Schema(name = "FieldError")
    record FieldErrorDocument(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String message) {
    }
}
