-- A car's page on the website suggests available cars of a similar price,
-- cheapest first, and the catalogue sorts by price: this index walks a price
-- range of one status in that order, instead of sorting every available car.
CREATE INDEX cars_status_price ON cars (status, price ASC, id DESC);
