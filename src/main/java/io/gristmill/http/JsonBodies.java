package io.gristmill.http;

import java.io.IOException;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Reads request bodies strictly: unknown fields, wrong types and malformed JSON are the caller's
 * mistakes and become a 400 that names the field, instead of being ignored or becoming a 500.
 */
@ApplicationScoped
public class JsonBodies {
    private final ObjectMapper strict;

    public JsonBodies(ObjectMapper mapper) {
        this.strict = mapper.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
                .configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true)
                .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true)
                .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
    }

    public <T> T read(ApiRequest request, Class<T> type) {
        if (request.body().length == 0) {
            throw ApiException.badRequest("A JSON body is required");
        }
        ObjectReader reader = strict.readerFor(type);
        try {
            return reader.readValue(request.body());
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("Unknown field '" + path(e) + "'");
        } catch (InvalidFormatException e) {
            throw ApiException.badRequest("Field '" + path(e) + "' has an invalid value: " + shortened(e.getValue()));
        } catch (ValueInstantiationException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw ApiException.badRequest("Field '" + path(e) + "' is invalid: " + reason);
        } catch (MismatchedInputException e) {
            String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
            throw ApiException.badRequest("Field '" + path(e) + "' must be " + expected);
        } catch (JsonProcessingException e) {
            // Never the parser's own message: it quotes the offending text, which may be a pasted token.
            throw ApiException.badRequest("Body is not valid JSON" + location(e));
        } catch (IOException e) {
            throw ApiException.badRequest("Body cannot be read");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "(body)" : path;
    }

    private static String shortened(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "an object";
    }
}
