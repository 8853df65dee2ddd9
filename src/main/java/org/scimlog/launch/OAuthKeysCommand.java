package org.scimlog.launch;

import java.io.IOException;
import java.nio.file.Path;
import org.scimlog.security.SigningKeys;

/**
 * {@code oauth keygen <file>}: the JWK set {@code SCIMLOG_OAUTH_SIGNING_KEYS_FILE} names, made without other tools.
 * Run again on the same file to rotate: the new key goes first (it signs), the old ones stay (they verify the tokens
 * already issued); drop them after the access token lifetime.
 */
public final class OAuthKeysCommand {

    static final String USAGE = "usage: scimlog oauth keygen <JWK set file>   (adds a new signing key first; creates the file if absent)";

    private OAuthKeysCommand() {
    }

    public static int run(String[] args, Console console) {
        if (args.length != 2 || !args[0].equals("keygen")) {
            console.error(USAGE);
            return 2;
        }
        try {
            String kid = SigningKeys.addNewKeyTo(Path.of(args[1]));
            console.line("OAUTH_SIGNING_KEYS_FILE=" + args[1]);
            console.line("OAUTH_SIGNING_KID=" + kid);
            return 0;
        } catch (IOException | IllegalStateException e) {
            console.error("error: cannot write a JWK set to " + args[1] + (e instanceof IllegalStateException ? ": " + e.getMessage() : ""));
            return 2;
        }
    }
}
