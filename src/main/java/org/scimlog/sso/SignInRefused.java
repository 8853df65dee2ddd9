package org.scimlog.sso;

import io.micronaut.security.authentication.AuthenticationFailed;
import org.scimlog.security.Rejection;

/** The provider signed the person in, but scimlog refuses them; the reason goes to the System Log, not the browser. */
final class SignInRefused extends AuthenticationFailed {

    private final transient Rejection rejection;
    private final String pageCode;

    SignInRefused(Rejection rejection, String pageCode) {
        super("single sign-on refused");
        this.rejection = rejection;
        this.pageCode = pageCode;
    }

    Rejection rejection() {
        return rejection;
    }

    /** What the console shows, as a fixed code its script maps to a sentence (nothing from the URL is displayed). */
    String pageCode() {
        return pageCode;
    }
}
