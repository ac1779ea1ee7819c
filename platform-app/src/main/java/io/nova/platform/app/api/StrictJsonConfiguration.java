package io.nova.platform.app.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies are read strictly: a number or boolean where the API expects a string is a 400 naming the field,
 * not a silently converted value (application.yml covers the other direction and unknown fields); and within bounds
 * that no request of this API comes near, so that a hostile body costs little before it is refused (the bytes are
 * bounded by {@link RequestSizeLimitFilter}).
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxDocumentLength(RequestSizeLimitFilter.MAX_BYTES)
            .maxNestingDepth(64)
            .maxNameLength(1_000)
            .maxNumberLength(100)
            .maxStringLength((int) RequestSizeLimitFilter.MAX_BYTES)
            .maxTokenCount(200_000)
            .build();

    /** Spring Boot's JSON mapper with its customizers (the spring.jackson.* settings, modules), on a bounded parser. */
    @Bean
    JsonMapper jsonMapper(ObjectProvider<JsonMapperBuilderCustomizer> customizers) {
        var builder = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build());
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    JsonMapperBuilderCustomizer strictScalars() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
