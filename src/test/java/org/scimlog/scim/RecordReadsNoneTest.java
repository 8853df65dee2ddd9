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

/** SCIMLOG_RECORD_READS=none: no read leaves an event, refused or not; every write (and refused write) still does. */
@MicronautTest(transactional = false)
class RecordReadsNoneTest extends ScimServerTest {

    @Inject
    ReadEventBuffer buffer;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("scimlog.log.record-reads", "none");
    }

    @Test
    void readsLeaveNoEventWritesStillDo() {
        assertEquals(java.util.stream.Stream.of(EventType.USER_CREATE.id(), EventType.SCIM_REJECTED.id()).sorted().toList(),
                RecordedReads.eventTypesAfterReadsAndWrites(this, buffer));
    }
}
