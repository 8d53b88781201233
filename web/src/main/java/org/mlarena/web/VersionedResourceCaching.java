package org.mlarena.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets browsers keep the WebJars' files (MathJax, highlight.js, Swagger UI) for a year: their addresses carry their
 * version ({@code /webjars/mathjax/3.2.2/...}), so a new version is a new address and a kept copy is never stale.
 * Without it every visit of the Evaluation tab asked for MathJax again.
 */
@WebFilter(filterName = "versionedResourceCaching", urlPatterns = "/webjars/*")
public class VersionedResourceCaching extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        response.setHeader("Cache-Control", CACHE_CONTROL);
        chain.doFilter(request, response);
    }
}
