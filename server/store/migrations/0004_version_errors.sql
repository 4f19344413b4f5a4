-- The validation errors a flow had when each version of its JSON was first seen, so a diff can
-- highlight each side's errors on its side.
ALTER TABLE flow_json_versions ADD COLUMN validation_errors jsonb;
