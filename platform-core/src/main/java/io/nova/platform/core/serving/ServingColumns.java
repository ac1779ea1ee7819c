package io.nova.platform.core.serving;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.databind.json.JsonMapper;

/** JSONB converters for a deployment's model facts and plan. */
final class ServingColumns {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ServingColumns() {
    }

    @Converter
    static final class Facts implements AttributeConverter<ModelFacts, String> {

        @Override
        public String convertToDatabaseColumn(ModelFacts facts) {
            return facts == null ? null : MAPPER.writeValueAsString(facts);
        }

        @Override
        public ModelFacts convertToEntityAttribute(String column) {
            return column == null ? null : MAPPER.readValue(column, ModelFacts.class);
        }
    }

    @Converter
    static final class Plan implements AttributeConverter<ModelPlan, String> {

        @Override
        public String convertToDatabaseColumn(ModelPlan plan) {
            return plan == null ? null : MAPPER.writeValueAsString(plan);
        }

        @Override
        public ModelPlan convertToEntityAttribute(String column) {
            return column == null ? null : MAPPER.readValue(column, ModelPlan.class);
        }
    }
}
