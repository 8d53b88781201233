package org.mlarena.web.faces.text;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * The rich text of use cases (goal, problem statement, background, rules) as HTML: Markdown rendered by CommonMark
 * with raw HTML escaped, then passed through the OWASP sanitizer, so that no script, event handler, style or
 * {@code javascript:} link of a description reaches the page whatever the Markdown renderer lets through.
 */
@Named
@ApplicationScoped
public class RichText {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).sanitizeUrls(true).build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr", "br").toFactory())
            .and(new HtmlPolicyBuilder().allowElements("a").allowAttributes("href", "title").onElements("a")
                    .allowStandardUrlProtocols().requireRelsOnLinks("noopener", "noreferrer").toFactory());

    /** Safe HTML for a Markdown text; empty for none. */
    public String html(String markdown) {
        return toHtml(markdown);
    }

    static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }
}
