package org.scimlog.scim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimlog.audit.EventType;
import org.scimlog.audit.ReadEventBuffer;
import org.scimlog.support.ScimServerTest;

/** SCIMLOG_RECORD_READS=failures: a refused read is an event (what support looks for), a read that answered is not. */
@MicronautTest(transactional = false)
class RecordReadsFailuresTest extends ScimServerTest {

    @Inject
    ReadEventBuffer buffer;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.log.record-reads", "FAILURES");
    }

    @Test
    void onlyRefusedReadsLeaveEvents() {
        String rejected = EventType.SCIM_REJECTED.id();
        assertEquals(java.util.stream.Stream.of(EventType.USER_CREATE.id(), rejected, rejected, rejected, rejected).sorted().toList(),
                RecordedReads.eventTypesAfterReadsAndWrites(this, buffer));
    }
}
