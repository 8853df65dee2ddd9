package org.scimlog;

import io.micronaut.runtime.Micronaut;
import java.util.Arrays;
import org.scimlog.launch.Console;
import org.scimlog.launch.DevLauncher;
import org.scimlog.launch.LogCommand;
import org.scimlog.launch.MigrateCommand;
import org.scimlog.launch.OAuthKeysCommand;
import org.scimlog.launch.TenantCommand;

/**
 * Entry point. Without arguments it serves; {@code dev} also starts a local PostgreSQL and a demo tenant;
 * {@code tenant ...} administers tenants and tokens, {@code log verify ...} checks the log's hash chain,
 * {@code migrate} brings the schema up to date (as the role that owns the tables) and exits; {@code oauth keygen}
 * makes the OAuth access tokens' signing keys.
 */
public class Application {

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        chooseLogFormat(command);
        switch (command) {
            // no banner: in serve mode stdout carries JSON lines only
            case "serve" -> Micronaut.build(rest).mainClass(Application.class).banner(false).start();
            case "dev" -> DevLauncher.run(rest);
            case "tenant" -> System.exit(TenantCommand.run(rest, Console.system()));
            case "log" -> System.exit(LogCommand.run(rest, Console.system()));
            case "migrate" -> System.exit(MigrateCommand.run(rest, Console.system()));
            case "oauth" -> System.exit(OAuthKeysCommand.run(rest, Console.system()));
            default -> System.exit(TenantCommand.usage("unknown command '" + command + "'", Console.system()));
        }
    }

    /**
     * JSON lines for a server that log shippers read, text for a person at a terminal (dev, the commands), unless
     * SCIMLOG_LOG_FORMAT says otherwise. Set before the first logger exists, since logback reads it once.
     */
    private static void chooseLogFormat(String command) {
        if (System.getenv("SCIMLOG_LOG_FORMAT") == null && System.getProperty("SCIMLOG_LOG_FORMAT") == null) {
            System.setProperty("SCIMLOG_LOG_FORMAT", command.equals("serve") ? "json" : "text");
        }
    }
}
