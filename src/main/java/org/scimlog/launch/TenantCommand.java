package org.scimlog.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimlog.security.Scopes;
import org.scimlog.security.TenantAdministration;

/**
 * {@code tenant ...}: tenants and their credentials, through a running server's operator API or directly on the
 * database. Where it goes: {@code --server URL} (with an admin credential in SCIMLOG_ADMIN_TOKEN) or
 * SCIMLOG_SERVER_URL; {@code --database} or a configured database (SCIMLOG_DB_URL); else the {@code ops/run}
 * stack when its data directory has one (its address and operator credential are kept there); else the
 * database of the default configuration.
 */
public final class TenantCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage:
              scimlog tenant create <tenant> [--token-name <name>] [--scopes scim,logs.read]   (tenant if new, and a bearer token)
              scimlog tenant list
              scimlog tenant disable <tenant> | enable <tenant>
              scimlog tenant credentials <tenant>                                                 (never shows secrets)
              scimlog tenant issue <tenant> --name <name> [--type bearer|basic|jwt|oauth] [--scopes ...] [--expires <date-time>]
                                   [--rotate] [--issuer <iss> --audience <aud> --jwks-url <url>]   (jwt)
                                   [--redirect-uri <url>[,<url>...]]                               (oauth: Okta's callback)
              scimlog tenant expire <tenant> --name <name> --expires <date-time>|never
              scimlog tenant revoke <tenant> --name <name>
              scimlog migrate                                         (schema up to date, as the role owning the tables)
            where: [--server <url> (admin credential in SCIMLOG_ADMIN_TOKEN) | --database]; without either, the ops/run
                   stack if this directory has one, else the configured database
            scopes: scim (provisioning, the default), logs.read (System Log API), admin (only tenant scimlog-operators)""";
    private static final Set<String> ACTIONS = Set.of("create", "list", "disable", "enable", "credentials", "issue",
            "expire", "revoke");
    private static final Set<String> FLAGS = Set.of("--rotate", "--database");

    private TenantCommand() {
    }

    public static int run(String[] args, Console console) {
        return run(args, console, System.getenv());
    }

    /** {@code environment}: where SCIMLOG_SERVER_URL, SCIMLOG_ADMIN_TOKEN, SCIMLOG_DB_URL and SCIMLOG_DATA_DIR are read. */
    public static int run(String[] args, Console console, Map<String, String> environment) {
        if (args.length < 1 || !ACTIONS.contains(args[0])) {
            return usage(null, console);
        }
        String action = args[0];
        String tenant = null;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                if (tenant != null) {
                    return usage("unexpected argument " + arg, console);
                }
                tenant = arg;
            } else if (FLAGS.contains(arg)) {
                options.put(arg, "true");
            } else if (i + 1 >= args.length) {
                return usage("option " + arg + " needs a value", console);
            } else {
                options.put(arg, args[++i]);
            }
        }
        if (tenant == null && !action.equals("list")) {
            return usage(action + " needs a tenant name", console);
        }
        try (TenantOperations operations = open(options, environment)) {
            return perform(action, tenant, options, operations, console);
        } catch (TenantOperations.Failure | IllegalArgumentException failure) {
            console.error("error: " + failure.getMessage());
            return 2;
        }
    }

    private static int perform(String action, String tenant, Map<String, String> options, TenantOperations operations,
                               Console console) {
        switch (action) {
            case "list" -> print(console, operations.tenants());
            case "disable", "enable" -> print(console, operations.setDisabled(tenant, action.equals("disable")));
            case "credentials" -> print(console, operations.credentials(tenant));
            case "create" -> {
                String name = Optional.ofNullable(options.get("--token-name")).orElse("token-" + System.currentTimeMillis());
                operations.createTenant(tenant, true);
                ObjectNode issued = operations.issue(tenant, request(name, "bearer", options), false);
                console.line("TENANT=" + tenant);
                console.line("SCIM_BASE_URL=" + issued.path("scimBaseUrl").asText());
                console.line("SCIM_TOKEN=" + issued.path("token").asText());
                console.line("SCOPES=" + String.join(",", texts(issued.path("scopes"))));
            }
            case "issue" -> {
                ObjectNode issued = operations.issue(tenant, request(required(options, "--name"),
                        options.getOrDefault("--type", "bearer"), options), options.containsKey("--rotate"));
                console.line("TENANT=" + tenant);
                console.line("CREDENTIAL=" + issued.path("name").asText());
                console.line("TYPE=" + issued.path("type").asText());
                console.line("SCIM_BASE_URL=" + issued.path("scimBaseUrl").asText());
                if (issued.has("token")) {
                    console.line("SCIM_TOKEN=" + issued.path("token").asText());
                }
                if (issued.has("password")) {
                    console.line("BASIC_USERNAME=" + issued.path("username").asText());
                    console.line("BASIC_PASSWORD=" + issued.path("password").asText());
                }
                if (issued.has("clientSecret")) {
                    console.line("OAUTH_AUTHORIZE_URL=" + issued.path("authorizeUrl").asText());
                    console.line("OAUTH_TOKEN_URL=" + issued.path("tokenUrl").asText());
                    console.line("OAUTH_CLIENT_ID=" + issued.path("clientId").asText());
                    console.line("OAUTH_CLIENT_SECRET=" + issued.path("clientSecret").asText());
                    console.line("OAUTH_REDIRECT_URIS=" + String.join(",", texts(issued.path("redirectUris"))));
                }
                console.line("SCOPES=" + String.join(",", texts(issued.path("scopes"))));
                if (!issued.path("expiresAt").isNull()) {
                    console.line("EXPIRES=" + issued.path("expiresAt").asText());
                }
            }
            case "expire" -> {
                String expires = required(options, "--expires");
                print(console, operations.setExpiry(tenant, required(options, "--name"),
                        expires.equals("never") ? JSON.nullNode() : JSON.getNodeFactory().textNode(expires)));
            }
            case "revoke" -> {
                String name = options.containsKey("--name") ? options.get("--name") : required(options, "--token-name");
                int revoked = operations.revoke(tenant, name);
                console.line("REVOKED=" + revoked);
                if (revoked == 0) {
                    console.error("error: tenant '" + tenant + "' has no live credential named '" + name + "'");
                    return 2;
                }
            }
            default -> throw new IllegalStateException(action);
        }
        return 0;
    }

    private static TenantOperations open(Map<String, String> options, Map<String, String> environment) {
        String server = options.getOrDefault("--server", environment.get("SCIMLOG_SERVER_URL"));
        if (server != null && !server.isBlank()) {
            String token = environment.get("SCIMLOG_ADMIN_TOKEN");
            if (token == null || token.isBlank()) {
                throw new TenantOperations.Failure("--server needs an admin credential in SCIMLOG_ADMIN_TOKEN");
            }
            return new ApiTenantOperations(server, token);
        }
        boolean databaseConfigured = options.containsKey("--database") || environment.get("SCIMLOG_DB_URL") != null
                || System.getProperty("datasources.default.url") != null;
        if (!databaseConfigured) {
            Optional<DevStackFile> stack = DevStackFile.read(DevStackFile.path(environment));
            if (stack.isPresent()) {
                return new ApiTenantOperations(stack.get().server(), stack.get().operatorToken());
            }
        }
        return DatabaseTenantOperations.open();
    }

    private static ObjectNode request(String name, String type, Map<String, String> options) {
        ObjectNode request = JSON.createObjectNode().put("name", name).put("type", type);
        ArrayNode scopes = request.putArray("scopes");
        TenantAdministration.scopeList(options.getOrDefault("--scopes", String.join(",", Scopes.PROVISIONING)))
                .forEach(scopes::add);
        if (options.containsKey("--expires")) {
            request.put("expiresAt", options.get("--expires"));
        }
        for (String field : List.of("issuer", "audience")) {
            if (options.containsKey("--" + field)) {
                request.put(field, options.get("--" + field));
            }
        }
        if (options.containsKey("--jwks-url")) {
            request.put("jwksUrl", options.get("--jwks-url"));
        }
        if (options.containsKey("--redirect-uri")) {
            ArrayNode uris = request.putArray("redirectUris");
            TenantAdministration.scopeList(options.get("--redirect-uri")).forEach(uris::add);
        }
        return request;
    }

    private static String required(Map<String, String> options, String option) {
        String value = options.get(option);
        if (value == null) {
            throw new IllegalArgumentException("this action needs " + option);
        }
        return value;
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static void print(Console console, JsonNode node) {
        try {
            console.line(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            console.line(node.toString());
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
