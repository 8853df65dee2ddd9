package org.scimlog.launch;

import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scimlog.scim.ResourceLocations;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;
import org.scimlog.security.TenantAdministration.IssuedToken;

/**
 * {@code tenant create NAME [--token-name N] [--scopes scim,logs.read]} creates a tenant (if new) and issues a
 * token; {@code tenant revoke NAME --token-name N} revokes. Uses the same configuration as the server.
 */
public final class TenantCommand {

    private static final String USAGE = """
            usage:
              scimlog tenant create <name> [--token-name <name>] [--scopes scim,logs.read]
              scimlog tenant revoke <name> --token-name <name>
            scopes: scim (provisioning, the default), logs.read (System Log API)""";

    private TenantCommand() {
    }

    public static int run(String[] args, Console console) {
        if (args.length < 2 || !(args[0].equals("create") || args[0].equals("revoke"))) {
            return usage(null, console);
        }
        String tenant = args[1];
        String tokenName = null;
        List<String> scopes = new ArrayList<>(Scopes.PROVISIONING);
        for (int i = 2; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                return usage("option " + option + " needs a value", console);
            }
            String value = args[++i];
            switch (option) {
                case "--token-name" -> tokenName = value;
                case "--scopes" -> scopes = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                default -> {
                    return usage("unknown option " + option, console);
                }
            }
        }
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false).start()) {
            TenantAdministration administration = context.getBean(TenantAdministration.class);
            if (args[0].equals("revoke")) {
                if (tokenName == null) {
                    return usage("revoke needs --token-name", console);
                }
                console.line("REVOKED=" + administration.revoke(tenant, tokenName));
                return 0;
            }
            IssuedToken token = administration.createTenantWithToken(tenant,
                    tokenName == null ? "token-" + System.currentTimeMillis() : tokenName, scopes);
            console.line("TENANT=" + token.tenantName());
            console.line("SCIM_BASE_URL=" + context.getBean(ResourceLocations.class).scimBaseUrl());
            console.line("SCIM_TOKEN=" + token.secret());
            console.line("SCOPES=" + String.join(",", token.scopes()));
            return 0;
        } catch (IllegalArgumentException e) {
            console.error("error: " + e.getMessage());
            return 2;
        }
    }

    public static int usage(String problem, Console console) {
        if (problem != null) {
            console.error("error: " + problem);
        }
        console.error(USAGE);
        return 2;
    }
}
