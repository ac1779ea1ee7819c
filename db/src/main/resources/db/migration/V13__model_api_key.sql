-- A tenant's API keys for its model endpoints. Neither the key nor a hash of it is kept here: the key is shown once,
-- and its SHA-256 goes to StarVault, from where the tenant's model gateway reads it.
CREATE TABLE model_api_key (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  BIGINT       NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    name       VARCHAR(40)  NOT NULL,
    prefix     VARCHAR(16)  NOT NULL,
    created_by VARCHAR(255) NOT NULL,
    rotated_at TIMESTAMPTZ,
    version    BIGINT       NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL,
    CONSTRAINT model_api_key_tenant_name_unique UNIQUE (tenant_id, name)
);
