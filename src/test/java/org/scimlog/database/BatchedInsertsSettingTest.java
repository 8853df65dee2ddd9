package org.scimlog.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.scimlog.support.ScimServerTest;

@MicronautTest(transactional = false)
class BatchedInsertsSettingTest extends ScimServerTest {

    @Inject
    DataSource dataSource;

    @Test
    void thePoolHandsTheDriverBatchRewritingWhateverTheUrlSays() {
        HikariDataSource pool = (HikariDataSource) DelegatingDataSource.unwrapDataSource(dataSource);
        assertEquals("true", pool.getDataSourceProperties().getProperty("reWriteBatchedInserts"),
                "the driver's case-sensitive property name arrives as it is spelled");
    }
}
