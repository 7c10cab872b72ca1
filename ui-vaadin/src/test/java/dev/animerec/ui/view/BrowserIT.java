package dev.animerec.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.ui.ServingIT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real page in headless Debian Chromium (Selenium): look up a user, see 5 cards, reroll, open an
 * explanation, like one, mark one not-interested and see it gone, set a filter, and the phone-sized layout.
 * Screenshots go to {@code ui-vaadin/docs/}. Skipped, loudly, where Chromium or its driver is not installed.
 */
class BrowserIT extends ServingIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SHOTS = Path.of("docs");

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void browser() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            System.err.println("*** SKIPPED BrowserIT: /usr/bin/chromium or /usr/bin/chromedriver is missing"
                    + " (apt-get install -y chromium chromium-driver) ***");
            Assumptions.abort("Chromium not installed");
        }
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
                options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** In one script call: a re-render between finding and reading the cards would leave stale elements. */
    @SuppressWarnings("unchecked")
    private List<String> pickIds() {
        return (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Array.from(document.querySelectorAll('#picks .ar-card')).map(card => card.id);");
    }

    /** Finds and clicks in one script call: a re-render between the two would leave a stale element. */
    private void clickId(String id) {
        // A click while the server's answer to the previous one is still being applied can land on an element the
        // round trip replaces, and be lost: wait until Vaadin's client is idle first (as TestBench does).
        waitForVaadin();
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).click();", id);
    }

    private void waitForVaadin() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> Boolean.TRUE.equals(
                ((JavascriptExecutor) driver).executeScript("const clients = window.Vaadin && window.Vaadin.Flow"
                        + " && window.Vaadin.Flow.clients; if (!clients) { return true; }"
                        + " return Object.values(clients).every(c => !c.isActive || !c.isActive());")));
    }

    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
    }

    private void screenshot(String name) throws IOException {
        // Let lazy images and web fonts settle before the capture.
        ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; setTimeout(done, 700);");
        Files.write(SHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void aUserLooksUpRerollsExplainsLikesHidesAndFilters() throws IOException {
        browser.get("http://127.0.0.1:" + port + "/");
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#username input")));
        input.sendKeys("alice");
        browser.findElement(By.id("lookup")).click();
        wait.until(driver -> pickIds().size() == 5);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lane .ar-card")));
        screenshot("desktop-picks.png");

        List<String> first = pickIds();
        WebDriverWait redraw = new WebDriverWait(browser, Duration.ofSeconds(5));
        for (int i = 0; i < 5 && pickIds().equals(first); i++) {
            clickId("reroll");
            try {
                redraw.until(driver -> pickIds().size() == 5 && !pickIds().equals(first));
            } catch (org.openqa.selenium.TimeoutException sameDrawAgain) {
                // 5 of 20 can come out the same; the next reroll tries again
            }
        }
        assertThat(pickIds()).hasSize(5).isNotEqualTo(first);

        String explained = pickIds().get(0).substring("card-".length());
        clickId("why-" + explained);
        WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("why-panel-" + explained)));
        assertThat(panel.getText()).isNotBlank();
        screenshot("desktop-explanation.png");

        String liked = pickIds().get(1).substring("card-".length());
        clickId("like-" + liked);
        wait.until(driver -> driver.findElement(By.id("like-" + liked)).getAttribute("class").contains("ar-liked"));

        // The API tests share this user; they rely on these anime staying visible.
        List<String> shared = List.of("card-11", "card-12", "card-14", "card-15", "card-16", "card-20", "card-30",
                "card-40", "card-50");
        for (int i = 0; i < 10 && shared.containsAll(pickIds()); i++) {
            clickId("reroll");
            wait.until(driver -> pickIds().size() == 5);
        }
        String hidden = pickIds().stream().filter(id -> !shared.contains(id)).findFirst().orElseThrow();
        clickId("not-interested-" + hidden.substring("card-".length()));
        wait.until(driver -> !pickIds().contains(hidden) && pickIds().size() == 5);
        for (int i = 0; i < 3; i++) {
            clickId("reroll");
            wait.until(driver -> pickIds().size() == 5);
            assertThat(pickIds()).doesNotContain(hidden);
        }

        click(browser.findElement(By.cssSelector("#filters vaadin-details-summary")));
        WebElement movie = wait.until(driver -> driver.findElements(By.cssSelector("#include-types vaadin-checkbox"))
                .stream().filter(box -> box.getText().trim().equals("Movie")).findFirst().orElse(null));
        click(movie.findElement(By.tagName("input")));
        clickId("apply-filters");
        wait.until(driver -> {
            List<?> types = (List<?>) ((JavascriptExecutor) driver).executeScript(
                    "return Array.from(document.querySelectorAll('#picks .ar-meta')).map(meta => meta.textContent);");
            return !types.isEmpty() && types.stream().allMatch(type -> type.toString().startsWith("Movie"));
        });
        screenshot("desktop-filters.png");
    }

    @Test
    void thePageFitsAPhone() throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get("http://127.0.0.1:" + port + "/?user=Littoface");
        wait.until(driver -> pickIds().size() == 5);
        Long pageWidth = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth;");
        assertThat(pageWidth).as("no horizontal scrolling").isLessThanOrEqualTo(390);
        assertThat(browser.findElement(By.id("message")).getText()).contains("folded into the model");
        screenshot("phone.png");
    }
}
