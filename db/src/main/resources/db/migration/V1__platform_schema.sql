-- Nova Platform schema. Flyway owns it: JPA only validates (spring.jpa.hibernate.ddl-auto=validate).
-- Every aggregate root carries "version" for optimistic locking.

CREATE TABLE cluster (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            VARCHAR(63)  NOT NULL,
    delivery_mode   VARCHAR(16)  NOT NULL CHECK (delivery_mode IN ('DIRECT', 'GITOPS')),
    api_server      VARCHAR(512),
    credentials_ref VARCHAR(512),
    gitops_url      VARCHAR(1024),
    gitops_branch   VARCHAR(255),
    gitops_path     VARCHAR(512),
    version         BIGINT       NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT cluster_name_unique UNIQUE (name),
    CONSTRAINT cluster_gitops_needs_url CHECK (delivery_mode <> 'GITOPS' OR gitops_url IS NOT NULL)
);

CREATE TABLE gpu_pool (
    id                               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                             VARCHAR(63)  NOT NULL,
    cluster_id                       BIGINT       NOT NULL REFERENCES cluster (id),
    gpu_model                        VARCHAR(32)  NOT NULL,
    node_count                       INTEGER      NOT NULL CHECK (node_count BETWEEN 0 AND 10000),
    gpus_per_node                    INTEGER      NOT NULL CHECK (gpus_per_node BETWEEN 1 AND 64),
    node_selector                    JSONB        NOT NULL DEFAULT '{}',
    sharing_mode                     VARCHAR(16)  NOT NULL CHECK (sharing_mode IN ('EXCLUSIVE', 'TIME_SLICING', 'MIG')),
    ts_replicas                      INTEGER CHECK (ts_replicas BETWEEN 2 AND 64),
    ts_rename_by_default             BOOLEAN,
    ts_fail_requests_greater_than_one BOOLEAN,
    mig_strategy                     VARCHAR(8) CHECK (mig_strategy IN ('single', 'mixed')),
    mig_layout                       VARCHAR(64),
    mig_devices                      JSONB,
    version                          BIGINT       NOT NULL DEFAULT 0,
    created_at                       TIMESTAMPTZ  NOT NULL,
    updated_at                       TIMESTAMPTZ  NOT NULL,
    CONSTRAINT gpu_pool_name_unique UNIQUE (name)
);
CREATE INDEX gpu_pool_cluster_idx ON gpu_pool (cluster_id);

CREATE TABLE tenant (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          VARCHAR(40)   NOT NULL,
    display_name  VARCHAR(100)  NOT NULL,
    description   VARCHAR(2000),
    owner_groups  JSONB         NOT NULL DEFAULT '[]',
    namespace     VARCHAR(63)   NOT NULL,
    cluster_id    BIGINT        NOT NULL REFERENCES cluster (id),
    quota_cpu     VARCHAR(32),
    quota_memory  VARCHAR(32),
    quota_storage VARCHAR(32),
    state         VARCHAR(16)   NOT NULL CHECK (state IN ('ACTIVE', 'SUSPENDED')),
    version       BIGINT        NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ   NOT NULL,
    updated_at    TIMESTAMPTZ   NOT NULL,
    CONSTRAINT tenant_slug_unique UNIQUE (slug),
    CONSTRAINT tenant_namespace_unique UNIQUE (cluster_id, namespace)
);
CREATE INDEX tenant_cluster_idx ON tenant (cluster_id);

-- One row per (tenant, pool); the resources it grants live in gpu_quota_resource.
CREATE TABLE gpu_quota (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id  BIGINT      NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    pool_id    BIGINT      NOT NULL REFERENCES gpu_pool (id),
    version    BIGINT      NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT gpu_quota_tenant_pool_unique UNIQUE (tenant_id, pool_id)
);
CREATE INDEX gpu_quota_pool_idx ON gpu_quota (pool_id);

CREATE TABLE gpu_quota_resource (
    quota_id      BIGINT       NOT NULL REFERENCES gpu_quota (id) ON DELETE CASCADE,
    resource_name VARCHAR(128) NOT NULL,
    guaranteed    BIGINT       NOT NULL CHECK (guaranteed >= 0),
    limit_amount  BIGINT       NOT NULL CHECK (limit_amount >= guaranteed),
    PRIMARY KEY (quota_id, resource_name)
);

-- A module switched on for a tenant (tenant_id set) or for a whole cluster (cluster_id set).
CREATE TABLE module_install (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    module_key          VARCHAR(64)   NOT NULL,
    tenant_id           BIGINT REFERENCES tenant (id) ON DELETE CASCADE,
    cluster_id          BIGINT REFERENCES cluster (id),
    enabled             BOOLEAN       NOT NULL,
    chart_version       VARCHAR(64)   NOT NULL,
    values_json         JSONB         NOT NULL DEFAULT '{}',
    secret_delivery     VARCHAR(32),
    generation          BIGINT        NOT NULL DEFAULT 1,
    observed_generation BIGINT        NOT NULL DEFAULT 0,
    phase               VARCHAR(16)   NOT NULL CHECK (phase IN ('PENDING', 'RECONCILING', 'READY', 'DEGRADED', 'FAILED')),
    message             VARCHAR(2000),
    conditions          JSONB         NOT NULL DEFAULT '[]',
    ui_url              VARCHAR(1024),
    version             BIGINT        NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    CONSTRAINT module_install_one_owner CHECK ((tenant_id IS NULL) <> (cluster_id IS NULL))
);
CREATE UNIQUE INDEX module_install_tenant_unique ON module_install (tenant_id, module_key) WHERE tenant_id IS NOT NULL;
CREATE UNIQUE INDEX module_install_cluster_unique ON module_install (cluster_id, module_key) WHERE cluster_id IS NOT NULL;
CREATE INDEX module_install_phase_idx ON module_install (phase);

-- Append-only: written in the same transaction as the change it records.
CREATE TABLE audit_event (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at TIMESTAMPTZ   NOT NULL,
    actor       VARCHAR(255)  NOT NULL,
    action      VARCHAR(16)   NOT NULL CHECK (action IN ('CREATE', 'UPDATE', 'DELETE')),
    target_type VARCHAR(32)   NOT NULL,
    target      VARCHAR(255)  NOT NULL,
    before_json JSONB,
    after_json  JSONB,
    request_id  VARCHAR(128)
);
CREATE INDEX audit_event_target_idx ON audit_event (target, occurred_at DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (actor, occurred_at DESC);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC);
