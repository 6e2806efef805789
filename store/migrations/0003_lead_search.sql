-- The admin lead list filters by status and searches names, notes and phones
-- with LIKE '%…%', which no b-tree can seek: every lead of the status is
-- tested, and its total is counted. This index holds the searched columns
-- after the status and the list order, so both the count and the page read
-- the index alone (a covering index), never the table. It is keyed by the
-- status column itself: SQLite does not treat an index holding a virtual
-- generated column (status_rank) as covering.
CREATE INDEX leads_status_search ON leads (status, created_at DESC, id DESC, customer_name, notes, customer_phone);
