package io.nova.platform.core.module;

import java.util.List;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Converter
class ModuleConditionsColumn implements AttributeConverter<List<ModuleCondition>, String> {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public String convertToDatabaseColumn(List<ModuleCondition> conditions) {
        return MAPPER.writeValueAsString(conditions == null ? List.of() : conditions);
    }

    @Override
    public List<ModuleCondition> convertToEntityAttribute(String column) {
        return column == null ? List.of() : MAPPER.readValue(column, new TypeReference<>() { });
    }
}
