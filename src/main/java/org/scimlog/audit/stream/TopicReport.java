package org.scimlog.audit.stream;

import java.util.List;

/** What the relay found (or made) of its topic: created now or not, and how an existing one differs from the settings. */
public record TopicReport(String topic, boolean created, List<String> mismatches) {

    public TopicReport {
        mismatches = List.copyOf(mismatches);
    }
}
