package org.mlarena.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, for browser tests: waits for PrimeFaces' AJAX, keeps
 * screenshots under {@code target/screenshots/}, and fails on any JavaScript error in the console.
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!new File(binary).canExecute()) {
                throw new IllegalStateException(binary + " is missing: apt-get install chromium chromium-driver (./arena test does)");
            }
        }
        try {
            Path profile = Files.createTempDirectory("arena-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                    "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Signs in as {@code user}: through the OIDC provider in the OIDC run (with {@code groups}), else with the login
     * form and the built-in user's password; waits until the header names the user.
     */
    public void signIn(String user, List<String> groups) {
        if (TestEnvironment.oidc()) {
            OidcProvider.nextSignIn(user, groups);
            open(TestEnvironment.BASE_URL);
        } else {
            open(TestEnvironment.BASE_URL + "login.xhtml");
            type("#loginForm\\:username", user);
            type("#loginForm\\:password", user);
            click("#loginForm\\:signIn");
        }
        await("the header to name " + user, Duration.ofSeconds(30),
                d -> d.findElements(By.id("signed-in-name")).size() == 1 && d.findElement(By.id("signed-in-name")).getText().equals(user));
    }

    /** The window's size in CSS pixels, e.g. 420 x 900 for a narrow window. */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /**
     * What the current page costs a visitor with a cold cache: reloads it with the browser's cache off, lets it load
     * (and {@code loaded} hold: scripts that fetch more, such as MathJax's fonts), then sums what the network transferred
     * for the document and every resource, compressed as sent, headers included.
     */
    public long coldBytes(Function<WebDriver, Boolean> loaded) {
        driver.executeCdpCommand("Network.enable", java.util.Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", java.util.Map.of("cacheDisabled", true));
        try {
            driver.navigate().refresh();
            await("the page to load", Duration.ofSeconds(60), d -> "complete".equals(script("return document.readyState")) && loaded.apply(d));
            waitForAjax();
            script("return document.fonts.ready.then(() => true)");
            Number bytes = (Number) script("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                    + ".reduce((sum, e) => sum + (e.transferSize || 0), 0);");
            return bytes.longValue();
        } finally {
            driver.executeCdpCommand("Network.setCacheDisabled", java.util.Map.of("cacheDisabled", false));
        }
    }

    /** The largest transfers of the page as loaded: "name bytes" for the {@code count} largest, largest first. */
    public String largestTransfers(int count) {
        return String.valueOf(script("return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".map(e => [e.name.replace(/^.*\\/(?=[^\\/]*$)/, ''), e.transferSize || 0]).sort((a, b) => b[1] - a[1]).slice(0, arguments[0])"
                + ".map(e => e[0] + ' ' + e[1]).join(', ');", count));
    }

    /**
     * What makes a page scroll sideways: the elements that reach past the window's right edge, outermost first, and the
     * chain of the last one's ancestors with their widths (where a cell grows to its content, the chain shows it).
     */
    public String overflowing() {
        return String.valueOf(script("const w = document.documentElement.clientWidth;"
                + "const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className.trim()"
                + " ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + ' (' + Math.round(e.getBoundingClientRect().left) + '+'"
                + " + Math.round(e.getBoundingClientRect().width) + ' px)';"
                + "const wide = [...document.querySelectorAll('body, body *')].filter(e => e.getBoundingClientRect().right > w + 1 || e.scrollWidth > w + 1);"
                + "const chain = []; for (let e = wide[wide.length - 1]; e && e !== document.body; e = e.parentElement) chain.push(name(e));"
                + "return wide.slice(0, 6).map(name).join(', ') + '; the last within: ' + chain.join(' < ');"));
    }

    /** Runs a script in the page and returns its value. */
    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** True when at least one element matches. */
    public boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Waits until the element's text contains {@code text} (polls and AJAX updates may bring it). */
    public String awaitText(String css, String text, Duration timeout) {
        await("'" + text + "' in " + css, timeout, d -> {
            var found = d.findElements(By.cssSelector(css));
            return !found.isEmpty() && found.get(0).getText().contains(text);
        });
        return text(css);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
        waitForAjax();
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public String text(String css) {
        return find(css).getText();
    }

    public void type(String css, String text) {
        WebElement field = find(css);
        // select and delete rather than clear(): formatted inputs (p:inputNumber) ignore clear()
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    /**
     * Clicks the element once the page has settled; when an AJAX update (a filter typed a moment ago, a poll) replaced it
     * between finding and clicking, finds it again (JourneyIT failed once on a catalogue card re-rendered that way).
     */
    public void click(String css) {
        waitForAjax();
        for (int attempt = 1; ; attempt++) {
            try {
                find(css).click();
                break;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
                waitForAjax();
            }
        }
        waitForAjax();
    }

    public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            // a poll or an AJAX update may replace an element between finding it and reading it: read it again
            return new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("timeout-" + what.replaceAll("[^a-zA-Z0-9-]", "-"));
            throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + " on " + driver.getCurrentUrl() + diagnosis(), e);
        }
    }

    /**
     * What a failed wait needs to be explained on a CI machine whose files are gone: the browser's console since it was
     * last read, and the server log's warnings and errors among its last lines.
     */
    public String diagnosis() {
        StringBuilder text = new StringBuilder("\n-- browser console:");
        try {
            driver.manage().logs().get(LogType.BROWSER).getAll().forEach(entry -> text.append("\n  ").append(entry.getLevel()).append(' ').append(entry.getMessage()));
        } catch (org.openqa.selenium.WebDriverException e) {
            text.append("\n  (unreadable: ").append(e.getMessage().lines().findFirst().orElse("")).append(')');
        }
        text.append("\n-- server log, warnings and errors among its last 400 lines:");
        String home = System.getProperty("jboss.home");
        Path log = home == null ? null : Path.of(home, "standalone", "log", "server.log");
        try {
            if (log != null && Files.isReadable(log)) {
                List<String> lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 400), lines.size()).stream()
                        .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\t") || line.startsWith("Caused by"))
                        .limit(80).forEach(line -> text.append("\n  ").append(line));
            }
        } catch (IOException | UncheckedIOException e) {
            text.append("\n  (unreadable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /** Scrolls the element into view, e.g. before a screenshot of it. */
    public void scrollTo(String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", find(css));
    }

    /** Waits until the document is loaded and no jQuery/PrimeFaces AJAX request is in flight. */
    public void waitForAjax() {
        await("the page to settle", Duration.ofSeconds(30), d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return document.readyState === 'complete'"
                        + " && (typeof jQuery === 'undefined' || jQuery.active === 0)"
                        + " && (typeof PrimeFaces === 'undefined' || !PrimeFaces.ajax || PrimeFaces.ajax.Queue.isEmpty());"));
    }

    /** Keeps a screenshot of the current page as {@code target/screenshots/<suite>/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Path target = TestEnvironment.screenshots().resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs axe-core (the accessibility engine, on the classpath from the npm package: see ear/src/test/axe/fetch.sh) on
     * the current page as it is now, at the window's current size, and fails on every serious or critical violation:
     * each with its rule, impact, help and the first elements it found (CSS selector and HTML). {@code page} names the
     * page in the message and in the screenshot kept on failure ({@code a11y-<page>.png}).
     */
    public void assertAccessible(String page) {
        waitForAjax();
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object';"))) {
            script(Axe.SOURCE);
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + "  .filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + "  .map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,"
                + "    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + '  ' + n.html.replace(/\\s+/g, ' ').slice(0, 300)"
                + "      + [n.any.concat(n.all, n.none).map(c => c.message).find(m => m)].filter(m => m).map(m => '\\n      ' + m).join(''))}))),"
                + " e => done('axe failed: ' + e));");
        if (result instanceof String) {
            throw new AssertionError(result + " on " + driver.getCurrentUrl());
        }
        List<?> violations = (List<?>) result;
        if (!violations.isEmpty()) {
            var size = driver.manage().window().getSize();
            StringBuilder message = new StringBuilder(violations.size() + " serious or critical accessibility violation(s) on " + page
                    + " (" + driver.getCurrentUrl() + ", " + size.getWidth() + "x" + size.getHeight() + ", axe-core " + Axe.VERSION + "):");
            for (Object v : violations) {
                java.util.Map<?, ?> violation = (java.util.Map<?, ?>) v;
                message.append("\n- ").append(violation.get("id")).append(" (").append(violation.get("impact")).append("): ")
                        .append(violation.get("help")).append(", ").append(violation.get("count")).append(" element(s)");
                for (Object node : (List<?>) violation.get("nodes")) {
                    message.append("\n    ").append(node);
                }
            }
            screenshot("a11y-" + page.replaceAll("[^a-zA-Z0-9-]", "-"));
            throw new AssertionError(message);
        }
    }

    /** axe.min.js and its version, read once from the classpath. */
    private static final class Axe {
        static final String SOURCE = read("axe-core/axe.min.js");
        static final String VERSION = read("axe-core/VERSION").trim();

        private static String read(String resource) {
            try (var in = Browser.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is not on the classpath: the build fetches it with npm (ear/src/test/axe/fetch.sh)");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Fails on every console error since the last call, except those matching an expected pattern (for
     * example the 401 of a deliberately wrong password, which Chromium logs as a failed resource).
     */
    public void assertNoJavaScriptErrors(Pattern... expected) {
        List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> java.util.Arrays.stream(expected).noneMatch(p -> p.matcher(message).find()))
                .toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("JavaScript errors on " + driver.getCurrentUrl() + ":\n" + String.join("\n", errors));
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
