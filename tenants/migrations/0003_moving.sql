-- A showroom being moved to another node is read-only meanwhile: its
-- account state (status, plan) stays what it is, so moving is a column of
-- its own, the time the move began (NULL: not moving).

ALTER TABLE tenants ADD COLUMN moving_since INTEGER;
