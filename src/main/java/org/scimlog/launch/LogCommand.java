package org.scimlog.launch;

import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.scimlog.audit.chain.ChainSealer;
import org.scimlog.audit.chain.ChainVerification;
import org.scimlog.audit.chain.ChainVerificationJson;
import org.scimlog.audit.chain.ChainVerifier;
import org.scimlog.audit.retention.LogRetention;
import org.scimlog.security.TenantStore;

/**
 * {@code log verify <tenant> [--since T] [--until T]}: checks the tenant's hash chain and prints the result
 * as JSON; exits 0 when intact, 1 when broken, 2 on bad usage.
 */
public final class LogCommand {

    private static final String USAGE = "usage: scimlog log verify <tenant> [--since <RFC 3339>] [--until <RFC 3339>]";

    private LogCommand() {
    }

    public static int run(String[] args, Console console) {
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
}
