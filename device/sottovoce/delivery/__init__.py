"""Getting an allowed message out, and keeping the record: dispatch, the outbox, the audit log, MQTT."""
