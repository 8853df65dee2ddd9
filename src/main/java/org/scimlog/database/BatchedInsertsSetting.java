package org.scimlog.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Turns on the PostgreSQL driver's rewriting of JDBC insert batches into multi-row INSERTs, whatever URL
 * the operator configures: a group's 10,000 membership events, or a batch of read events, then cost one
 * statement per few hundred rows instead of one per row. (Set here rather than under
 * data-source-properties in application.yml, where property names are normalised and the driver's
 * case-sensitive "reWriteBatchedInserts" never arrives.)
 */
@Singleton
class BatchedInsertsSetting implements BeanCreatedEventListener<DatasourceConfiguration> {

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        configuration.addDataSourceProperty("reWriteBatchedInserts", "true");
        return configuration;
    }
}
