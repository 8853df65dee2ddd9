package org.scimlog.launch;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.scimlog.database.SafeFailure;

/**
 * {@code migrate}: brings the schema up to date (Flyway, the migrations of {@code db/migration}) as the role the
 * configuration names, which must be the role that owns the tables; then exits. The server itself can run under
 * a role that owns nothing, with {@code SCIMLOG_DB_MIGRATE=false} (README, "Database roles").
 */
public final class MigrateCommand {

    /** The SQLState PostgreSQL answers to a role that may not do what a migration does. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private MigrateCommand() {
    }

    public static int run(String[] args, Console console) {
        if (args.length > 0) {
            console.error("error: migrate takes no arguments (it reads SCIMLOG_DB_URL, SCIMLOG_DB_USER, SCIMLOG_DB_PASSWORD)");
            return 2;
        }
        DatabaseLogin login = DatabaseLogin.fromConfiguration();
        try {
            login.checkReachable("");
            Flyway flyway = Flyway.configure().dataSource(login.url(), login.user(), login.password())
                    .locations("classpath:db/migration").load();
            MigrateResult result = flyway.migrate();
            String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
            console.line(result.migrationsExecuted == 0
                    ? "schema of " + login.where() + " is up to date at version " + version
                    : "migrated " + login.where() + " as '" + login.user() + "' to version " + version + " ("
                            + result.migrationsExecuted + " migration(s))");
            return 0;
        } catch (TenantOperations.Failure failure) {
            console.error("error: " + failure.getMessage());
            return 2;
        } catch (FlywayException failure) {
            // a migration's failure quotes its SQL: only the types and the SQLState are told
            boolean privilege = INSUFFICIENT_PRIVILEGE.equals(SafeFailure.sqlState(failure));
            console.error("error: migration failed as '" + login.user() + "': " + SafeFailure.describe(failure)
                    + (privilege ? "; run migrate as the role that owns the tables (README, Database roles)" : ""));
            return 1;
        }
    }
}
