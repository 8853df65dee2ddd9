package org.scimlog.launch;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.scimlog.audit.chain.ChainExport;
import org.scimlog.audit.chain.ChainSealer;
import org.scimlog.audit.chain.CheckpointKeys;
import org.scimlog.audit.chain.ChainVerification;
import org.scimlog.audit.chain.ChainVerificationJson;
import org.scimlog.audit.chain.ChainVerifier;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.audit.seed.LogSeeder;
import org.scimlog.security.TenantStore;

/**
 * {@code log verify <tenant> [--since T] [--until T]}: checks the tenant's hash chain in the database and prints
 * the result as JSON; exits 0 when intact, 1 when broken, 2 on bad usage. {@code log verify --events ...} is the
 * offline verifier ({@link OfflineVerifyCommand}); {@code log export} writes its input, {@code log keygen} a key.
 */
public final class LogCommand {

    private static final String USAGE = String.join("\n", "usage:",
            "  scimlog log verify <tenant> [--since <RFC 3339>] [--until <RFC 3339>]   (in the database)",
            "  " + OfflineVerifyCommand.USAGE + "   (offline: no database)",
            "  scimlog log export <tenant> [--out <file>]   (events in commit order, for the offline verifier)",
            "  scimlog log keygen <private key file> <public key file>   (an Ed25519 checkpoint signing key)",
            "  scimlog log seed <tenant> --events <N> [--users <U>]   (synthetic events over the last 7 days, for benchmarks)");

    private LogCommand() {
    }

    public static int run(String[] args, Console console) {
        if (args.length >= 2 && args[0].equals("seed")) {
            return seed(args, console);
        }
        if (args.length >= 2 && args[0].equals("verify") && args[1].startsWith("--")) {
            return OfflineVerifyCommand.run(args, console);
        }
        if (args.length >= 2 && args[0].equals("export")) {
            return export(args, console);
        }
        if (args.length == 3 && args[0].equals("keygen")) {
            return keygen(args, console);
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
            UUID tenant = tenant(context, args[1], console);
            if (tenant == null) {
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

    /** The tenant's id, or null after saying there is none of that name. */
    private static UUID tenant(ApplicationContext context, String name, Console console) {
        UUID tenant = context.getBean(TenantStore.class).findTenant(name).orElse(null);
        if (tenant == null) {
            console.error("error: no tenant named '" + name + "'");
        }
        return tenant;
    }

    private static int export(String[] args, Console console) {
        if (args.length != 2 && !(args.length == 4 && args[2].equals("--out"))) {
            console.error(USAGE);
            return 2;
        }
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).start()) {
            UUID tenant = tenant(context, args[1], console);
            if (tenant == null) {
                return 2;
            }
            if (args.length == 2) {
                java.io.PrintWriter out = new java.io.PrintWriter(console.out(), false, StandardCharsets.UTF_8);
                context.getBean(ChainExport.class).export(tenant, out);
                out.flush();
                return 0;
            }
            try (Writer out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.UTF_8)) {
                long written = context.getBean(ChainExport.class).export(tenant, out);
                console.line("exported " + written + " events of tenant " + tenant + " to " + args[3]);
                return 0;
            } catch (IOException e) {
                console.error("error: cannot write " + args[3]);
                return 2;
            }
        }
    }

    private static int keygen(String[] args, Console console) {
        try {
            KeyPair pair = CheckpointKeys.generateInto(Path.of(args[1]), Path.of(args[2]));
            console.line("private key (keep it out of the database and its backups): " + args[1]);
            console.line("public key (give it to auditors): " + args[2]);
            console.line(CheckpointKeys.pem(pair.getPublic()).strip());
            return 0;
        } catch (IOException e) {
            console.error("error: cannot write the key files");
            return 2;
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
            UUID tenant = tenant(context, args[1], console);
            if (tenant == null) {
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
