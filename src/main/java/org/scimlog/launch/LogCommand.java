package org.scimlog.launch;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.scimlog.audit.chain.ChainSealer;
import org.scimlog.audit.chain.ChainVerification;
import org.scimlog.audit.chain.ChainVerificationJson;
import org.scimlog.audit.chain.ChainVerifier;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.audit.seed.LogSeeder;
import org.scimlog.security.TenantStore;

/**
 * {@code log verify <tenant> [--since T] [--until T]}: checks the tenant's hash chain and prints the result
 * as JSON; exits 0 when intact, 1 when broken, 2 on bad usage.
 */
public final class LogCommand {

    private static final String USAGE = """
            usage:
              scimlog log verify <tenant> [--since <RFC 3339>] [--until <RFC 3339>]
              scimlog log seed <tenant> --events <N> [--users <U>]   (synthetic events over the last 7 days, for benchmarks)""";

    private LogCommand() {
    }

    public static int run(String[] args, Console console) {
        if (args.length >= 2 && args[0].equals("seed")) {
            return seed(args, console);
        }
        if (args.length < 2 || !args[0].equals("verify")) {
            console.error(USAGE);
            return 2;
        }
        Instant since = null;
        Instant until = null;
        try {
            for (int i = 2; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    console.error(USAGE);
                    return 2;
                }
                Instant value = OffsetDateTime.parse(args[i + 1]).toInstant();
                switch (args[i]) {
                    case "--since" -> since = value;
                    case "--until" -> until = value;
                    default -> {
                        console.error(USAGE);
                        return 2;
                    }
                }
            }
        } catch (DateTimeParseException e) {
            console.error("error: --since and --until take RFC 3339 date-times such as 2026-11-25T00:00:00Z");
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).start()) {
            UUID tenant = context.getBean(TenantStore.class).findTenant(args[1]).orElse(null);
            if (tenant == null) {
                console.error("error: no tenant named '" + args[1] + "'");
                return 2;
            }
            // seal what has committed so far, so the answer covers the newest events too
            context.getBean(ChainSealer.class).sealBatch();
            Instant now = Instant.now();
            ChainVerification result = context.getBean(ChainVerifier.class).verify(tenant,
                    since == null ? context.getBean(LogRetention.class).oldestRetained(now) : since,
                    until == null ? now : until);
            console.line(ChainVerificationJson.of(result));
            return result.intact() ? 0 : 1;
        }
    }

    private static int seed(String[] args, Console console) {
        long events = -1;
        int users = 200_000;
        try {
            for (int i = 2; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--events" -> events = Long.parseLong(args[i + 1]);
                    case "--users" -> users = Integer.parseInt(args[i + 1]);
                    default -> throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            events = -1;
        }
        if (events < 1 || users < 1) {
            console.error(USAGE);
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).start()) {
            UUID tenant = context.getBean(TenantStore.class).findTenant(args[1]).orElse(null);
            if (tenant == null) {
                console.error("error: no tenant named '" + args[1] + "'");
                return 2;
            }
            Instant now = Instant.now();
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            context.getBean(LogRetention.class).ensurePartitions(today.minusDays(7), today);
            long total = events;
            long started = System.nanoTime();
            context.getBean(LogSeeder.class).seed(tenant, events, users, now, Duration.ofDays(7), done -> {
                if (done % 1_000_000 == 0 || done == total) {
                    console.line("seeded " + done + " of " + total + " events in "
                            + (System.nanoTime() - started) / 1_000_000_000 + " s");
                }
            });
            return 0;
        }
    }
}
