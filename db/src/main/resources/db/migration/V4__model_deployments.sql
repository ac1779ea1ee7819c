-- Model deployments: an LLM served for a tenant on one GPU pool. The plan (tensor/pipeline parallel sizes, GPUs,
-- memory arithmetic) is computed by the platform on every write and stored with the deployment for the renderer.
CREATE TABLE model_deployment (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id            BIGINT        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    pool_id              BIGINT        NOT NULL REFERENCES gpu_pool (id),
    name                 VARCHAR(40)   NOT NULL,
    model_source         VARCHAR(512)  NOT NULL,
    facts                JSONB         NOT NULL,
    facts_from_catalog   BOOLEAN       NOT NULL,
    precision            VARCHAR(16)   NOT NULL,
    engine               VARCHAR(16)   NOT NULL,
    replicas             INT           NOT NULL CHECK (replicas >= 1),
    max_context          INT           NOT NULL CHECK (max_context >= 1),
    concurrent_sequences INT           NOT NULL CHECK (concurrent_sequences >= 1),
    plan                 JSONB         NOT NULL,
    gpus_total           INT           NOT NULL,
    resource_name        VARCHAR(253)  NOT NULL,
    generation           BIGINT        NOT NULL DEFAULT 0,
    observed_generation  BIGINT        NOT NULL DEFAULT 0,
    phase                VARCHAR(16)   NOT NULL CHECK (phase IN ('PENDING', 'RECONCILING', 'READY', 'DEGRADED', 'FAILED')),
    message              VARCHAR(2000),
    endpoint_url         VARCHAR(1024),
    version              BIGINT        NOT NULL DEFAULT 0,
    created_at           TIMESTAMPTZ   NOT NULL,
    updated_at           TIMESTAMPTZ   NOT NULL,
    CONSTRAINT model_deployment_name_unique UNIQUE (tenant_id, name)
);
CREATE INDEX model_deployment_pool_idx ON model_deployment (pool_id);
