package dev.cutover.testsupport;

import dev.cutover.contracts.ApiContract;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.Changed;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedParameter;
import org.openapitools.openapidiff.core.model.ChangedSchema;
import org.openapitools.openapidiff.core.model.ComposedChanged;
import org.openapitools.openapidiff.core.output.MarkdownRender;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Compares the OpenAPI a service serves with its slice of the public contract in common-contracts,
 * using openapi-diff: the contract is the old version, the served document the new one, and any
 * backward-incompatible difference (a missing operation, parameter or response, a new required
 * request field, a dropped response field, a changed type or enum) fails.
 */
public final class ContractDiff {

    private ContractDiff() {
    }

    /** The operations of the contract that {@code service} owns (its tag), with every component. */
    public static OpenAPI contractSlice(String service) {
        OpenAPI contract = parse(readContract());
        Paths kept = new Paths();
        contract.getPaths().forEach((path, item) -> {
            PathItem slice = new PathItem();
            slice.setParameters(item.getParameters());
            boolean any = false;
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                List<String> tags = entry.getValue().getTags();
                if (tags != null && tags.contains(service)) {
                    slice.operation(entry.getKey(), entry.getValue());
                    any = true;
                }
            }
            if (any) {
                kept.addPathItem(path, slice);
            }
        });
        contract.setPaths(kept);
        return contract;
    }

    /** The differences between the contract slice and the served document; see {@link ChangedOpenApi#isIncompatible()}. */
    public static ChangedOpenApi compare(String service, String servedDocument) {
        String contract = Json31.pretty(contractSlice(service));
        OpenApiDiffOptions options = OpenApiDiffOptions.builder()
                .configProperty("incompatible.response.numeric.range.increased", "true")
                .build();
        return OpenApiCompare.fromContents(contract, servedDocument, null, options);
    }

    /** Fails with a readable report when the served document breaks the contract of {@code service}. */
    public static void assertCompatible(String service, String servedDocument) {
        ChangedOpenApi diff = compare(service, servedDocument);
        if (diff.isIncompatible()) {
            List<String> breaks = new java.util.ArrayList<>();
            diff.getMissingEndpoints().forEach(e -> breaks.add("missing operation " + e.getMethod() + " " + e.getPathUrl()));
            diff.getChangedOperations().forEach(op -> collect(op, op.getHttpMethod() + " " + op.getPathUrl(), breaks));
            throw new AssertionError("The OpenAPI served by " + service + " breaks the public contract ("
                    + ApiContract.RESOURCE + "):\n  " + String.join("\n  ", breaks)
                    + "\n\nFull difference:\n" + new MarkdownRender().render(diff));
        }
    }

    /** Lists where below {@code changed} the incompatibility itself sits, one line per breaking leaf. */
    private static void collect(Changed changed, String where, List<String> out) {
        if (changed == null || !changed.isIncompatible()) {
            return;
        }
        boolean itself = changed instanceof ComposedChanged composedItself
                ? composedItself.isCoreChanged().isIncompatible()
                : changed.isIncompatible();
        if (itself) {
            out.add(where + ": " + describe(changed));
        }
        if (changed instanceof ChangedSchema schema) {
            schema.getChangedProperties().forEach((name, property) -> collect(property, where + "." + name, out));
            collect(schema.getItems(), where + "[]", out);
            collect(schema.getAddProp(), where + "{}", out);
            for (Changed child : schema.getChangedElements()) {
                if (!(child instanceof ChangedSchema)) {
                    collect(child, where, out);
                }
            }
        } else if (changed instanceof ComposedChanged composed) {
            for (Changed child : composed.getChangedElements()) {
                collect(child, where + " > " + label(child), out);
            }
        }
    }

    private static String label(Changed changed) {
        if (changed instanceof ChangedParameter parameter) {
            return parameter.getIn() + " parameter " + parameter.getName();
        }
        return changed == null ? "" : changed.getClass().getSimpleName().replace("Changed", "");
    }

    private static String describe(Changed changed) {
        if (changed instanceof ChangedSchema schema) {
            List<String> what = new java.util.ArrayList<>();
            if (schema.isChangedType()) {
                what.add("type " + typeOf(schema.getOldSchema()) + " -> " + typeOf(schema.getNewSchema()));
            }
            if (!schema.getMissingProperties().isEmpty()) {
                what.add("missing properties " + schema.getMissingProperties().keySet());
            }
            if (!schema.getIncreasedProperties().isEmpty()) {
                what.add("added properties " + schema.getIncreasedProperties().keySet());
            }
            if (schema.getRequired() != null && schema.getRequired().isIncompatible()) {
                what.add("required " + schema.getRequired().getOldValue() + " -> " + schema.getRequired().getNewValue());
            }
            if (schema.getEnumeration() != null && schema.getEnumeration().isIncompatible()) {
                what.add("enum " + schema.getEnumeration().getOldValue() + " -> " + schema.getEnumeration().getNewValue());
            }
            if (schema.getMaxLength() != null && schema.getMaxLength().isIncompatible()) {
                what.add("maxLength " + schema.getOldSchema().getMaxLength() + " -> " + schema.getNewSchema().getMaxLength());
            }
            if (schema.getNumericRange() != null && schema.getNumericRange().isIncompatible()) {
                what.add("numeric range [" + schema.getOldSchema().getMinimum() + ", " + schema.getOldSchema().getMaximum()
                        + "] -> [" + schema.getNewSchema().getMinimum() + ", " + schema.getNewSchema().getMaximum() + "]");
            }
            if (schema.isDiscriminatorPropertyChanged()) {
                what.add("discriminator");
            }
            return what.isEmpty() ? "schema (" + schema.getContext() + ")" : String.join("; ", what);
        }
        return changed.getClass().getSimpleName();
    }

    private static String typeOf(io.swagger.v3.oas.models.media.Schema<?> schema) {
        if (schema == null) {
            return "none";
        }
        return schema.getTypes() != null ? schema.getTypes().toString() : String.valueOf(schema.getType());
    }

    /** Writes the served document and the contract slice to {@code target/openapi/} for a reviewer to read. */
    public static void keepForInspection(String service, String servedDocument) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "openapi");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(service + "-served.json"), servedDocument);
            java.nio.file.Files.writeString(dir.resolve(service + "-contract.json"), Json31.pretty(contractSlice(service)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String readContract() {
        try (InputStream in = ContractDiff.class.getClassLoader().getResourceAsStream(ApiContract.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("contract not on the classpath: " + ApiContract.RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OpenAPI parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        if (result.getOpenAPI() == null) {
            throw new IllegalStateException("not an OpenAPI document: " + result.getMessages());
        }
        return result.getOpenAPI();
    }
}
