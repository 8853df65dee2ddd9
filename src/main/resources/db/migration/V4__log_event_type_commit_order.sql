-- Polling with an eventType filter walks this index in commit order instead of filtering every event.
CREATE INDEX log_event_type_commit_order_idx ON log_event (tenant_id, event_type, txid, seq);
