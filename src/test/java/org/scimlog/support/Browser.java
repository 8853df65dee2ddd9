package org.scimlog.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by {@code .ci/run})
 * in a chosen time zone, for the System Log page's tests: one per test class. Waits are explicit conditions
 * with a deadline, never sleeps; screenshots go to {@code target/screenshots}.
 */
public final class Browser implements AutoCloseable {

    private static final String DRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/lib/chromium/chromium";
    /** Generous for a loaded machine: conditions usually hold within a second. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path downloads;

    /** A browser whose clock shows {@code timeZone} (the driver's TZ, which Chromium inherits). */
    public Browser(String timeZone, int width, int height) {
        try {
            downloads = Files.createTempDirectory(Path.of("target"), "downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .withEnvironment(Map.of("TZ", timeZone))
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--lang=en-US", "--window-size=" + width + "," + height);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        driver = new ChromeDriver(service, options);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(this::pageState).until(condition);
    }

    /** What the page said when a wait failed: its data-state, status line and problem text. */
    private String pageState() {
        try {
            screenshot("last-failed-wait");
            return String.valueOf(script("return document.body.dataset.state + ' | ' + document.getElementById('status').textContent"
                    + " + ' | ' + document.getElementById('problem-text').textContent + ' | ' + location.href"));
        } catch (RuntimeException e) {
            return "(page state unknown)";
        }
    }

    /** The text of each element matching {@code css}, read in one step (no element can go stale in between). */
    @SuppressWarnings("unchecked")
    public List<String> texts(String css) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", css);
    }

    /** Waits until the page has answered its current query (shown events, a problem, or a timeline). */
    public void awaitSettled() {
        await(d -> !"loading".equals(script("return document.body.dataset.state")));
    }

    public WebElement visible(String css) {
        return await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    public void awaitText(String css, String text) {
        await(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    public Object script(String js, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(js, arguments);
    }

    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves what the browser shows as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        try {
            Path directory = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = directory.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
