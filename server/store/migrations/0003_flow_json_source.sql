-- Which flow JSON asset a flow's stored JSON came from (the link without its signature), so an
-- unchanged flow reopens from the store without a download.
ALTER TABLE flows ADD COLUMN json_source text;
