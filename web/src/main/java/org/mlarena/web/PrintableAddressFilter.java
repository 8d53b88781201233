package org.mlarena.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.mlarena.common.ControlCharacters;

/**
 * Refuses an address whose path or query holds a control character once decoded ({@code %00}, {@code %1B}...): no
 * name, slug, id or filter of this application has one, and PostgreSQL refuses a NUL in any text (the request failed
 * with a 500 where H2 had answered 404). One check for every page and resource, before anything reads a parameter.
 */
@WebFilter(filterName = "printableAddress", urlPatterns = "/*")
public class PrintableAddressFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String where = controlCharacterIn(request.getRequestURI(), request.getQueryString());
        if (where == null) {
            chain.doFilter(request, response);
            return;
        }
        String detail = "The address contains a control character in its " + where + "; remove it (names, slugs and ids never"
                + " contain one).";
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setCharacterEncoding("UTF-8");
        if (request.getRequestURI().contains("/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"" + detail + "\"}");
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(detail);
        }
    }

    /** "path" or "query" when that part, decoded, holds a control character; null when neither does. */
    static String controlCharacterIn(String rawPath, String rawQuery) {
        if (ControlCharacters.firstIn(decode(rawPath, false), false) >= 0) {
            return "path";
        }
        return rawQuery != null && ControlCharacters.firstIn(decode(rawQuery, true), false) >= 0 ? "query" : null;
    }

    private static String decode(String raw, boolean query) {
        if (raw == null) {
            return "";
        }
        try {
            // '+' is a space only in a query; in a path it is itself
            return URLDecoder.decode(query ? raw : raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a malformed escape is not a control character; the resource says what is wrong with it
        }
    }
}
