-- Target ids and request ids are found through the keyword index (every whole string value of an event is
-- a keyword) and then checked exactly, so they need no index of their own: two fewer indexes for every
-- event to update on insert, which is where most of the cost of recording an event went.
DROP INDEX log_event_target_idx;
DROP INDEX log_event_transaction_idx;
