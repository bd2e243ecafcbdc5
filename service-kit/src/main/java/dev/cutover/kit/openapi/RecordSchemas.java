package dev.cutover.kit.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import dev.cutover.contracts.MetadataRules;
import dev.cutover.kit.validation.ValidMetadata;
import org.jspecify.annotations.Nullable;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Describes {@link ApiResource} and {@link ApiRequest} records the way the server treats them, which
 * annotations on every component would otherwise have to repeat.
 */
final class RecordSchemas implements ModelConverter {

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    @Override
    public Schema resolve(AnnotatedType annotatedType, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(annotatedType, context, chain);
        if (resolved == null || annotatedType.getType() == null) {
            return resolved;
        }
        JavaType javaType = Json31.mapper().constructType(annotatedType.getType());
        Class<?> raw = javaType.getRawClass();
        if (!raw.isRecord()) {
            return resolved;
        }
        boolean resource = raw.isAnnotationPresent(ApiResource.class);
        boolean request = raw.isAnnotationPresent(ApiRequest.class);
        if (!resource && !request) {
            return resolved;
        }
        Schema target = definition(resolved, context);
        if (target == null) {
            return resolved;
        }
        if (request) {
            target.setAdditionalProperties(Boolean.FALSE);
            describeMetadata(raw, target);
        }
        if (resource) {
            describeResource(raw, target);
        }
        return resolved;
    }

    private static void describeResource(Class<?> record, Schema<?> target) {
        List<String> required = new ArrayList<>();
        Map<String, Schema> properties = target.getProperties();
        for (RecordComponent component : record.getRecordComponents()) {
            String name = SNAKE.translate(component.getName());
            required.add(name);
            Schema property = properties == null ? null : properties.get(name);
            if (property != null && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                allowNull(property);
            }
        }
        target.setRequired(required);
    }

    /** {@link ValidMetadata} components: string to string, bounded as SPEC §1 says. */
    private static void describeMetadata(Class<?> record, Schema<?> target) {
        Map<String, Schema> properties = target.getProperties();
        for (RecordComponent component : record.getRecordComponents()) {
            Schema property = properties == null ? null : properties.get(SNAKE.translate(component.getName()));
            if (property != null && component.isAnnotationPresent(ValidMetadata.class)) {
                Schema<Object> values = new Schema<>();
                values.setTypes(Set.of("string"));
                values.setMaxLength(MetadataRules.MAX_VALUE_LENGTH);
                property.setMaxProperties(MetadataRules.MAX_KEYS);
                property.setAdditionalProperties(values);
            }
        }
    }

    private static void allowNull(Schema<?> property) {
        Set<String> types = property.getTypes() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(property.getTypes());
        if (types.isEmpty() && property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty()) {
            return; // a $ref: nullability would need oneOf, which no resource uses
        }
        types.add("null");
        property.setTypes(types);
    }

    private static Schema definition(Schema resolved, ModelConverterContext context) {
        if (resolved.get$ref() == null) {
            return resolved;
        }
        String ref = resolved.get$ref();
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        return context.getDefinedModels().get(name);
    }
}
