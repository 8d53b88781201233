package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.InBrowser;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.OidcProvider;
import org.mlarena.it.support.TestEnvironment;
import org.openqa.selenium.By;

/**
 * In headless Chromium: sign in (the login form, or the OIDC provider), the home page with the header,
 * the platform facts and a device check run from the page, then sign out. Fails on any JavaScript error
 * and keeps a screenshot of each step under target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
class HomePageIT extends InBrowser {

    private static final Pattern EXPECTED_401 = Pattern.compile("status of 401");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void signInSeeTheHomePageRunADeviceCheckAndSignOut() {
        String user;
        if (TestEnvironment.oidc()) {
            user = "carol";
            OidcProvider.nextSignIn(user, List.of("host"));
            browser.open(TestEnvironment.BASE_URL);
        } else {
            user = "hana";
            browser.open(TestEnvironment.BASE_URL);
            assertTrue(browser.driver().getCurrentUrl().endsWith("/arena/login.xhtml"), browser.driver().getCurrentUrl());
            browser.screenshot("home-01-login");
            browser.type("#loginForm\\:username", user);
            browser.type("#loginForm\\:password", user);
            browser.click("#loginForm\\:signIn");
        }
        browser.await("the home page", Duration.ofSeconds(30), d -> d.findElements(By.id("signed-in-name")).size() == 1);
        assertEquals(user, browser.text("#signed-in-name"));
        assertTrue(browser.text(".arena-user").contains("(host)"), browser.text(".arena-user"));
        assertTrue(browser.text("#database").contains(TestEnvironment.databaseKind().equals("h2") ? "H2" : "PostgreSQL"),
                browser.text("#database"));
        assertTrue(browser.text("#persistence").startsWith("EclipseLink"), browser.text("#persistence"));
        assertTrue(browser.text("#device").startsWith("OpenCL"), browser.text("#device"));
        browser.screenshot("home-02-home");
        browser.assertNoJavaScriptErrors();

        browser.type("#checkForm\\:size_input", "80");
        browser.click("#checkForm\\:startCheck");
        assertTrue(browser.text("#checkForm\\:messages").contains("started"), browser.text("#checkForm\\:messages"));
        browser.await("the device check to match", Duration.ofSeconds(90), d -> {
            String firstRow = d.findElement(By.cssSelector("#tableForm\\:checks-table_data tr")).getText();
            return firstRow.contains("MATCHED") && firstRow.contains(user) && firstRow.contains("80");
        });
        browser.scrollTo("#tableForm\\:checks-table");
        browser.screenshot("home-03-device-check");
        browser.assertNoJavaScriptErrors();

        browser.click("#signOutForm\\:signOut");
        browser.await("the signed-out page", Duration.ofSeconds(30), d -> d.getCurrentUrl().endsWith("/signed-out.xhtml"));
        browser.screenshot("home-04-signed-out");
        browser.assertNoJavaScriptErrors();
    }

    @Test
    void aWrongPasswordIsRefusedWithAClearMessage() {
        if (TestEnvironment.oidc()) {
            // with the corporate SSO there is no password form: the login page leads to the provider
            browser.open(TestEnvironment.BASE_URL + "login.xhtml");
            assertTrue(browser.text("#ssoSignIn").contains("corporate SSO"));
            browser.screenshot("home-05-login-sso");
            browser.assertNoJavaScriptErrors();
            return;
        }
        browser.open(TestEnvironment.BASE_URL + "login.xhtml");
        browser.type("#loginForm\\:username", "alice");
        browser.type("#loginForm\\:password", "wrong");
        browser.click("#loginForm\\:signIn");
        assertTrue(browser.text("#loginForm\\:messages").contains("Wrong user name or password."), browser.text("#loginForm\\:messages"));
        browser.screenshot("home-05-wrong-password");
        browser.assertNoJavaScriptErrors(EXPECTED_401);
    }
}
