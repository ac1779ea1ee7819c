-- The last audit event whose change a cluster's deliveries have named (the commit messages' "Nova-Audit:" ids).
-- Clusters that exist now start at the newest event, so their next commit does not list the whole history.
ALTER TABLE cluster ADD COLUMN audit_delivered_through BIGINT NOT NULL DEFAULT 0;
UPDATE cluster SET audit_delivered_through = (SELECT COALESCE(MAX(id), 0) FROM audit_event);
