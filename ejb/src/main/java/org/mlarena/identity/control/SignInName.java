package org.mlarena.identity.control;

import java.util.regex.Pattern;

import org.mlarena.common.InvalidInputException;

/**
 * What a person's sign-in name may look like where someone types it for another person (a co-host, an invitation):
 * the shape corporate SSO providers give (user names, e-mail-like names), so that markup, control characters and
 * stray spaces are refused before they are stored and shown to others.
 */
public final class SignInName {

    private static final Pattern SHAPE = Pattern.compile("[\\p{L}\\p{N}._@+\\-]{1,200}");

    private SignInName() {
    }

    /** The name stripped of surrounding blanks; refused, naming {@code field}, when it is not a sign-in name's shape. */
    public static String of(String field, String typed) {
        String name = typed == null ? "" : typed.strip();
        if (!SHAPE.matcher(name).matches()) {
            throw new InvalidInputException(field, name.isEmpty() ? "Name the person by their sign-in name."
                    : "That is not a sign-in name: use the person's sign-in name as it appears in the header once they sign in "
                    + "(1 to 200 letters, digits and . _ @ + -).");
        }
        return name;
    }
}
