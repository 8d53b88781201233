package org.mlarena.common;

/**
 * Where text holds a control character (U+0000 to U+001F, U+007F): nothing a person types into a name, an address or a
 * field needs one, PostgreSQL stores no NUL, and an escape sequence shown to others is a terminal attack. The one
 * definition for the REST bodies, the addresses and the boundaries.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /**
     * The index of the first control character in {@code text}, or -1 when there is none.
     *
     * @param lineBreaksAndTabs whether tab, line feed and carriage return are allowed (in free text, not in names)
     */
    public static int firstIn(String text, boolean lineBreaksAndTabs) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7F;
            if (control && !(lineBreaksAndTabs && (c == '\t' || c == '\n' || c == '\r'))) {
                return i;
            }
        }
        return -1;
    }
}
