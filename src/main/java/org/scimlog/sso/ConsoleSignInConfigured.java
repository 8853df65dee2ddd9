package org.scimlog.sso;

import io.micronaut.context.annotation.Requires;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Present only when the console's sign-in is configured (the provider's authorization endpoint is set): without
 * it micronaut-security-oauth2 builds no client and no route, and neither does this package.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
@Requires(property = ConsoleSignInConfigured.AUTHORIZATION_URL, pattern = ".*\\S.*")
@interface ConsoleSignInConfigured {
    String CLIENT = "oidc";
    String AUTHORIZATION_URL = "micronaut.security.oauth2.clients." + CLIENT + ".authorization.url";
}
