package io.nova.platform.core.common;

import java.util.List;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * JPA converters for the JSONB columns. Columns are written as text and cast with {@code ?::jsonb}
 * ({@code @ColumnTransformer}) so that no Hibernate JSON format mapper is involved.
 */
public final class JsonColumns {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private JsonColumns() {
    }

    abstract static class Json<T> implements AttributeConverter<T, String> {
        private final TypeReference<T> type;

        Json(TypeReference<T> type) {
            this.type = type;
        }

        // SQL NULL stays null both ways, so that an absent value reads back as it was written.
        @Override
        public String convertToDatabaseColumn(T value) {
            return value == null ? null : MAPPER.writeValueAsString(value);
        }

        @Override
        public T convertToEntityAttribute(String column) {
            return column == null ? null : MAPPER.readValue(column, type);
        }
    }

    public static final class StringMap extends Json<Map<String, String>> {
        public StringMap() {
            super(new TypeReference<>() { });
        }
    }

    public static final class IntegerMap extends Json<Map<String, Integer>> {
        public IntegerMap() {
            super(new TypeReference<>() { });
        }
    }

    public static final class ObjectMap extends Json<Map<String, Object>> {
        public ObjectMap() {
            super(new TypeReference<>() { });
        }
    }

    public static final class StringList extends Json<List<String>> {
        public StringList() {
            super(new TypeReference<>() { });
        }
    }
}
