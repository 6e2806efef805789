-- The public catalogue lists available cars of one brand, newest first, on
-- every page view, usually with a price bound, and counts the matches for its
-- pager. This index serves both: the list walks it in order and reads the
-- table only for the cars it returns; the count never reads the table.
CREATE INDEX cars_status_brand_created ON cars (status, brand COLLATE NOCASE, created_at DESC, id DESC, price);
