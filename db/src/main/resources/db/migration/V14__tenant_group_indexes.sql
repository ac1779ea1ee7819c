-- The tenant lists of team admins and members find tenants by group: "whose owner (or member) groups hold any of
-- mine". jsonb_exists_any() can use no index, so every list scanned the whole table; an array overlap on an
-- expression index can use one.
CREATE FUNCTION nova_text_array(groups JSONB) RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT coalesce(array_agg(value), '{}') FROM jsonb_array_elements_text(groups) AS value $$;

CREATE INDEX tenant_owner_groups_idx ON tenant USING gin (nova_text_array(owner_groups));
CREATE INDEX tenant_member_groups_idx ON tenant USING gin (nova_text_array(member_groups));
