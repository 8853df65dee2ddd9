package org.scimlog.launch;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The database and role the server's configuration names (SCIMLOG_DB_URL, SCIMLOG_DB_USER, SCIMLOG_DB_PASSWORD,
 * or their {@code datasources.default.*} properties), for the commands that reach it directly.
 */
record DatabaseLogin(String url, String user, String password) {

    static DatabaseLogin fromConfiguration() {
        ApplicationContext probe = ApplicationContext.builder().deduceEnvironment(false).build();
        Environment environment = probe.getEnvironment().start();
        try {
            return new DatabaseLogin(environment.getProperty("datasources.default.url", String.class).orElse(""),
                    environment.getProperty("datasources.default.username", String.class).orElse(""),
                    environment.getProperty("datasources.default.password", String.class).orElse(""));
        } finally {
            environment.stop();
        }
    }

    /** Connects once with a short timeout, so an unreachable database is a sentence, not a stack trace. */
    void checkReachable(String alternative) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "3");
        try (var ignored = DriverManager.getConnection(url, properties)) {
            // reachable, with these credentials
        } catch (SQLException e) {
            throw new TenantOperations.Failure("cannot reach the database at " + where() + " as '" + user + "' (SQLState "
                    + e.getSQLState() + "); set SCIMLOG_DB_URL, SCIMLOG_DB_USER and SCIMLOG_DB_PASSWORD" + alternative);
        }
    }

    /** The URL without its query, where a password may be. */
    String where() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public String toString() {
        return "DatabaseLogin[" + where() + " as " + user + "]";
    }
}
