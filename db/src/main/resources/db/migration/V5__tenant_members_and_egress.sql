-- Tenant isolation: groups whose members use a tenant's tools with read-only rights in its namespace, and private
-- address ranges a platform admin opened for the tenant's egress (the internet is open to every tenant).
ALTER TABLE tenant
    ADD COLUMN member_groups JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN egress_cidrs  JSONB NOT NULL DEFAULT '[]';
