package org.mlarena.web.faces.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class RichTextTest {

    @Test
    void markdownBecomesFormattedHtml() {
        String html = RichText.toHtml("# Goal\n\nTell **shirts** from *coats*.\n\n- one\n- two\n\n[guide](https://intranet.example/guide)");
        assertTrue(html.contains("<h1>Goal</h1>"), html);
        assertTrue(html.contains("<strong>shirts</strong>"), html);
        assertTrue(html.contains("<em>coats</em>"), html);
        assertTrue(html.contains("<li>one</li>"), html);
        assertTrue(html.contains("href=\"https://intranet.example/guide\""), html);
        // the sanitizer writes the rel tokens in no fixed order
        assertTrue(html.matches("(?s).*rel=\"(noopener noreferrer|noreferrer noopener)\".*"), html);
    }

    @Test
    void noScriptGetsThrough() {
        String[] attacks = {
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
        };
        for (String attack : attacks) {
            String html = RichText.toHtml("Before\n\n" + attack + "\n\nafter").toLowerCase(Locale.ROOT);
            assertFalse(html.contains("<script"), attack + " -> " + html);
            assertFalse(html.contains("onerror="), attack + " -> " + html);
            assertFalse(html.contains("onload="), attack + " -> " + html);
            assertFalse(html.contains("href=\"javascript"), attack + " -> " + html);
            assertFalse(html.contains("<iframe"), attack + " -> " + html);
            assertFalse(html.contains("<svg"), attack + " -> " + html);
            assertTrue(html.contains("before") && html.contains("after"), "the rest of the text stays: " + html);
        }
    }

    @Test
    void tablesAndCodeAreKept() {
        String html = RichText.toHtml("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx = 1\n```");
        assertTrue(html.contains("<table>") && html.contains("<td>1</td>"), html);
        assertTrue(html.contains("<pre><code>x &#61; 1\n</code></pre>") || html.contains("<pre><code>x = 1"), html);
    }

    @Test
    void nothingForNothing() {
        assertEquals("", RichText.toHtml(null));
        assertEquals("", RichText.toHtml("  "));
    }
}
