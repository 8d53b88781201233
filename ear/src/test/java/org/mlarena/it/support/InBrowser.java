package org.mlarena.it.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For browser tests that need one headless Chromium per test: started before it, closed after it. */
public abstract class InBrowser {

    protected Browser browser;

    @BeforeEach
    protected void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    protected void closeBrowser() {
        browser.close();
    }
}
