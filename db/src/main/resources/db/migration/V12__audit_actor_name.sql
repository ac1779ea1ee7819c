-- What people call the actor (preferred user name, name or e-mail; "<client> (service)" for machine callers), next to
-- the token subject, which for Keycloak and StarVault is a UUID. Older events have none: readers show the subject.
ALTER TABLE audit_event ADD COLUMN actor_name VARCHAR(255);
CREATE INDEX audit_event_actor_name_idx ON audit_event (actor_name, occurred_at DESC);
