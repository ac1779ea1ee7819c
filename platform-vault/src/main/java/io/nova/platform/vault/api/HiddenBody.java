package io.nova.platform.vault.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A request body that is sent as its JSON fields but whose text form hides them: Spring's HTTP client logs request
 * bodies at DEBUG ({@code Writing [...]}), and a body may hold a client secret on its way to KV.
 */
record HiddenBody(Map<String, ?> fields) {

    @JsonValue
    @Override
    public Map<String, ?> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return "(request body hidden)";
    }
}
