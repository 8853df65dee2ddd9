package org.scimlog.database;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * New ids for events, users and groups: time-ordered UUIDs (version 7, RFC 9562), like Okta's own
 * time-based event uuids. Each new id lands at the right edge of its indexes instead of on a random page,
 * which after every checkpoint would be written whole to the WAL again.
 */
public final class TimeOrderedIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private TimeOrderedIds() {
    }

    public static UUID next() {
        return GENERATOR.generate();
    }
}
