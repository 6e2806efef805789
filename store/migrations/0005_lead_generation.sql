-- The lead list remembers the total of each filter it has counted (a count
-- with a search tests every lead of the status). A total stays true while
-- no lead is added, removed, or changed in a column a filter reads, and
-- this counter moves whenever one is: the triggers below run in the
-- writing transaction, whichever process writes, so a reader's snapshot
-- always holds the counter that matches its leads. A new message on a
-- running conversation changes only the lead's counts and times, which no
-- filter reads, so dashboards keep their totals while WhatsApp is busy.
CREATE TABLE lead_generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
) STRICT;
INSERT INTO lead_generation (id, n) VALUES (1, 0);

CREATE TRIGGER leads_generation_insert AFTER INSERT ON leads BEGIN
	UPDATE lead_generation SET n = n + 1;
END;

CREATE TRIGGER leads_generation_delete AFTER DELETE ON leads BEGIN
	UPDATE lead_generation SET n = n + 1;
END;

-- The columns of LeadFilter (store/lead_find.go); status_rank follows status.
CREATE TRIGGER leads_generation_update AFTER UPDATE OF customer_phone, customer_name, car_id, status,
	source, assigned_to_user_id, notes, created_at ON leads BEGIN
	UPDATE lead_generation SET n = n + 1;
END;
