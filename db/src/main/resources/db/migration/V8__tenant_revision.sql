-- A tenant's revision changes in the same transaction as anything its objects are rendered from: the tenant row, its
-- module installs, GPU quotas and model deployments (a row added or deleted, or a new version: every change bumps the
-- version, status writes leave it alone and so leave the revision alone too). A reconcile compares revisions with
-- what it delivered instead of digesting every tenant's rows. The values come from one sequence, so a revision is
-- never given twice, not even to a tenant deleted and created again under the same slug.
CREATE SEQUENCE tenant_revision_seq;

ALTER TABLE tenant ADD COLUMN revision BIGINT NOT NULL DEFAULT nextval('tenant_revision_seq');

-- What the reconcile reads: a cluster's tenants by slug, with namespace and revision, from the index alone.
CREATE INDEX tenant_cluster_revision_idx ON tenant (cluster_id, slug) INCLUDE (namespace, revision);

CREATE FUNCTION tenant_revise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := nextval('tenant_revision_seq');
    RETURN NEW;
END
$$;

CREATE TRIGGER tenant_revised BEFORE UPDATE ON tenant FOR EACH ROW
    WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION tenant_revise();

-- A row of a tenant's module installs, quotas or model deployments was added, changed or deleted.
CREATE FUNCTION tenant_part_revised() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owner BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        owner := OLD.tenant_id;
    ELSE
        owner := NEW.tenant_id;
    END IF;
    IF owner IS NOT NULL THEN
        UPDATE tenant SET revision = nextval('tenant_revision_seq') WHERE id = owner;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER module_install_added_or_deleted AFTER INSERT OR DELETE ON module_install FOR EACH ROW
    EXECUTE FUNCTION tenant_part_revised();
CREATE TRIGGER module_install_changed AFTER UPDATE ON module_install FOR EACH ROW
    WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION tenant_part_revised();

CREATE TRIGGER gpu_quota_added_or_deleted AFTER INSERT OR DELETE ON gpu_quota FOR EACH ROW
    EXECUTE FUNCTION tenant_part_revised();
CREATE TRIGGER gpu_quota_changed AFTER UPDATE ON gpu_quota FOR EACH ROW
    WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION tenant_part_revised();

CREATE TRIGGER model_deployment_added_or_deleted AFTER INSERT OR DELETE ON model_deployment FOR EACH ROW
    EXECUTE FUNCTION tenant_part_revised();
CREATE TRIGGER model_deployment_changed AFTER UPDATE ON model_deployment FOR EACH ROW
    WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION tenant_part_revised();

-- A quota's resources are rows of their own; a change to them bumps the quota's version as well, but a revision
-- too many only costs one unit's delivery, one too few a change that never arrives.
CREATE FUNCTION gpu_quota_resource_revised() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    quota BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        quota := OLD.quota_id;
    ELSE
        quota := NEW.quota_id;
    END IF;
    UPDATE tenant SET revision = nextval('tenant_revision_seq')
    WHERE id = (SELECT q.tenant_id FROM gpu_quota q WHERE q.id = quota);
    RETURN NULL;
END
$$;

CREATE TRIGGER gpu_quota_resource_changed AFTER INSERT OR UPDATE OR DELETE ON gpu_quota_resource FOR EACH ROW
    EXECUTE FUNCTION gpu_quota_resource_revised();
