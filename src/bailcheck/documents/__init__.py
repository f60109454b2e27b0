"""Documents made from a record: drafts, redacted fixtures, new records."""
