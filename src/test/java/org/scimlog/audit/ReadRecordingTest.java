package org.scimlog.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** SCIMLOG_RECORD_READS as an operator writes it; what each value records is in RecordReads*Test and SearchTest. */
class ReadRecordingTest {

    @Test
    void valuesAreReadWhateverTheirCaseAndSpaces() {
        assertEquals(ReadRecording.Mode.ALL, new ReadRecording("all").mode());
        assertEquals(ReadRecording.Mode.FAILURES, new ReadRecording(" Failures ").mode());
        assertEquals(ReadRecording.Mode.NONE, new ReadRecording("NONE").mode());
        assertTrue(new ReadRecording("failures").recordsRefusedReads());
        assertFalse(new ReadRecording("failures").recordsSuccessfulReads());
        assertFalse(new ReadRecording("none").recordsRefusedReads());
    }

    @Test
    void anUnknownValueStopsTheStartNamingTheSettingAndItsValues() {
        for (String wrong : new String[] {"", "yes", "off", "false", "al", "all,failures"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReadRecording(wrong));
            assertTrue(e.getMessage().contains("SCIMLOG_RECORD_READS") && e.getMessage().contains("all, failures or none"),
                    e.getMessage());
        }
    }
}
