package org.scimlog.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Bounds every wait on PostgreSQL and keeps values out of its error messages, whatever URL the operator
 * configures (set here for the same reason as {@link BatchedInsertsSetting}: the driver's property names are
 * case-sensitive).
 * <ul>
 * <li>{@code statement_timeout} ({@code scimlog.db.statement-timeout}, {@code SCIMLOG_DB_STATEMENT_TIMEOUT},
 * 15 s) for every session: a client's request can run no statement longer, and PostgreSQL stops the statement
 * itself, so it does not run on after the client left. 15 s is two orders of magnitude above the slowest
 * request we measured and below the 30-60 s after which identity providers and load balancers give up. The
 * background jobs raise it for their own transactions ({@link SessionLimits#forBackgroundWork}).</li>
 * <li>{@code connectTimeout}/{@code loginTimeout} ({@code scimlog.db.connect-timeout}, 3 s): a database that
 * is down or unreachable fails a connection attempt fast; the pool's {@code connection-timeout} (application.yml,
 * 3 s) bounds how long a request waits for a connection, then it answers 503.</li>
 * <li>{@code socketTimeout}: the statement timeout plus 15 s, so a connection whose network silently died
 * (no reset, no answer) is given up instead of blocking a request for the kernel's TCP timeout (minutes).</li>
 * <li>{@code logServerErrorDetail=false}: pgjdbc then leaves the server's {@code Detail} ("Key (user_name)=(...)")
 * and a failed batch's statement with its parameter values out of exception messages, which reach the logs.</li>
 * </ul>
 */
@Singleton
class ConnectionSettings implements BeanCreatedEventListener<DatasourceConfiguration> {

    static final Duration SOCKET_MARGIN = Duration.ofSeconds(15);

    private final Duration statementTimeout;
    private final Duration connectTimeout;

    ConnectionSettings(@Value("${scimlog.db.statement-timeout:15s}") Duration statementTimeout,
                       @Value("${scimlog.db.connect-timeout:3s}") Duration connectTimeout) {
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalStateException("scimlog.db.statement-timeout must be positive");
        }
        this.statementTimeout = statementTimeout;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        configuration.addDataSourceProperty("logServerErrorDetail", "false");
        configuration.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
        configuration.addDataSourceProperty("connectTimeout", Long.toString(seconds(connectTimeout)));
        configuration.addDataSourceProperty("loginTimeout", Long.toString(seconds(connectTimeout)));
        configuration.addDataSourceProperty("socketTimeout", Long.toString(seconds(statementTimeout.plus(SOCKET_MARGIN))));
        return configuration;
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
