package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The page in a real browser: Debian's headless Chromium, driven by Selenium. It starts the tutorial's
 * three-layer network from the form, sees the step count rise and the error curve drawn, clicks a connection and
 * finds the pushes the API gives for that weight, cancels the run, opens a second tab late and sees the latest
 * step, with no error in the browser's console. Skipped, saying why, where Chromium and its driver are missing
 * ({@code .ci/run} installs them).
 */
class DashboardBrowserTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Dashboard dashboard;
    private HeadlessChromium chromium;
    private final List<LogEntry> console = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        var missing = HeadlessChromium.unavailableReason();
        Assumptions.assumeTrue(missing.isEmpty(), missing::get);
        dashboard = Dashboard.builder().port(0).build().start();
        chromium = HeadlessChromium.start(Path.of("target", "chromedriver.log"));
    }

    @AfterEach
    void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (dashboard != null) {
            dashboard.close();
        }
    }

    @Test
    void aLearnerStartsTheTutorialsNetworkWatchesItLearnAndReadsAWeightsStory() throws Exception {
        WebDriver driver = chromium.driver();
        assertTrue(chromium.seleniumManagerSkipped(), "the Debian chromedriver, not one Selenium downloads");
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        driver.get(dashboard.url().toString());

        // The form's defaults are the tutorial's three-layer network; ask for more steps so that it runs a while.
        WebElement steps = wait.until(ExpectedConditions.elementToBeClickable(By.id("start-steps")));
        assertEquals("3,4,1", driver.findElement(By.id("start-layers")).getAttribute("value"));
        steps.clear();
        steps.sendKeys("10000000");
        driver.findElement(By.id("start-name")).sendKeys("the tutorial, three layers");
        driver.findElement(By.id("start-submit")).click();

        By row = By.cssSelector("#runs li[data-run-id='run-1']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        long first = awaitStep(wait, 1);
        long later = awaitStep(wait, first + 1);
        assertTrue(later > first, "the step count rises: " + first + " then " + later);
        JsonNode listed = Http.authorized(dashboard).get("/api/runs/run-1").block().json();
        assertEquals("the tutorial, three layers", listed.get("name").asString());
        assertEquals("[3,4,1]", listed.get("layers").toString());
        assertEquals("xor", listed.get("data").asString());
        wait.until(driverOf -> curveDrawn());

        // Click a connection of syn0: its story appears.
        By connection = By.cssSelector("#network [data-k='0'][data-from='2'][data-to='1']");
        wait.until(ExpectedConditions.elementToBeClickable(connection)).click();
        By story = By.cssSelector("#weight-story[data-state='shown'][data-k='0'][data-from='2'][data-to='1']");
        wait.until(ExpectedConditions.presenceOfElementLocated(story));

        // What a visitor sees while the run trains, on a laptop and on a phone (target/, for people to look at).
        chromium.screenshot(Path.of("target", "dashboard-running-1280x800.png"));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        chromium.screenshot(Path.of("target", "dashboard-running-390x844.png"));
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));

        // Cancel the run from its row; it ends cancelled, and the story settles on its last step.
        driver.findElement(By.cssSelector("#runs li[data-run-id='run-1'] button[data-role='cancel']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#runs li[data-run-id='run-1'][data-state='cancelled']")));
        JsonNode result = Http.authorized(dashboard).get("/api/runs/run-1/result").block().json();
        assertEquals("CANCELLED", result.get("reason").asString());
        long last = result.get("lastStep").asLong();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#weight-story[data-state='shown'][data-k='0'][data-from='2'][data-to='1'][data-step='" + last + "']")));

        // The pushes the page shows are the API's, number for number.
        @SuppressWarnings("unchecked")
        Map<String, Object> shown = (Map<String, Object>) ((JavascriptExecutor) driver).executeScript(
                "const story = document.getElementById('weight-story');"
                        + "const pushes = [...story.querySelectorAll('[data-role=push]')]"
                        + "  .map(cell => [cell.dataset.example, cell.dataset.value]);"
                        + "return {step: story.dataset.step, pushes: pushes,"
                        + "  sum: story.querySelector('[data-role=sum]').dataset.value,"
                        + "  before: story.querySelector('[data-role=before]').dataset.value,"
                        + "  after: story.querySelector('[data-role=after]').dataset.value};");
        JsonNode api = Http.authorized(dashboard).get("/api/runs/run-1/weights/0/2/1").block().json();
        assertEquals(Long.toString(last), shown.get("step"));
        assertEquals(last, api.get("step").asLong());
        @SuppressWarnings("unchecked")
        List<List<String>> pushes = (List<List<String>>) shown.get("pushes");
        assertEquals(4, pushes.size());
        for (List<String> push : pushes) {
            int example = Integer.parseInt(push.get(0));
            assertEquals(api.get("examples").get(example).get("update").asDouble(), Double.parseDouble(push.get(1)),
                    "example " + example + "'s push");
        }
        assertEquals(api.get("update").asDouble(), Double.parseDouble((String) shown.get("sum")));
        assertEquals(api.get("before").asDouble(), Double.parseDouble((String) shown.get("before")));
        assertEquals(api.get("after").asDouble(), Double.parseDouble((String) shown.get("after")));
        chromium.screenshot(Path.of("target", "dashboard-first-tab.png"));

        // A second tab opened late sees the run's latest step.
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(dashboard.url().toString());
        wait.until(ExpectedConditions.elementToBeClickable(row)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#run-step[data-value='" + last + "']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#runs li[data-run-id='run-1'][data-state='cancelled']")));
        chromium.screenshot(Path.of("target", "dashboard-second-tab.png"));

        console.addAll(chromium.console());
        List<LogEntry> errors = console.stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::toString).toList(), "the browser's console");
    }

    @Test
    void theNetworkShowsTheUnitsDropoutDroppedInARunTheApplicationShows() throws Exception {
        dev.backflux.api.TrainingRun run = dev.backflux.api.Trainer.training(dev.backflux.api.Network.builder()
                        .layerSizes(3, 4, 1).learningRate(0.5).dropout(1, 0.5).build(), dev.backflux.testing.Tutorial.XOR)
                .steps(1_000_000_000L).build().start();
        try {
            dashboard.show("Part 3: dropout 0.5", run);
            WebDriver driver = chromium.driver();
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            driver.get(dashboard.url().toString());
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#runs li[data-run-id='run-1']")))
                    .click();
            // Half the hidden units are dropped, step after step: some is dropped for the chosen example.
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#network g.unit.dropped[data-layer='1'][data-dropped='true']")));
            assertTrue(driver.findElements(By.cssSelector("#network g.unit[data-layer='2'][data-dropped='true']"))
                    .isEmpty(), "the output never drops");
            chromium.screenshot(Path.of("target", "dashboard-dropout.png"));
            List<LogEntry> errors = chromium.console().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
            assertEquals(List.of(), errors.stream().map(LogEntry::toString).toList(), "the browser's console");
        } finally {
            run.cancel();
        }
    }

    private long awaitStep(WebDriverWait wait, long atLeast) {
        return wait.until(driver -> {
            String value = driver.findElement(By.cssSelector("#runs li[data-run-id='run-1'] [data-role='step']"))
                    .getAttribute("data-value");
            if (value == null || value.isEmpty()) {
                return null;
            }
            long step = Long.parseLong(value);
            return step >= atLeast ? step : null;
        });
    }

    /**
     * Whether uPlot has drawn the error curve: the chart has more than one point, and its canvas has pixels of the
     * training curve's colours (#2166ac for the lowest error of each bucket, #6ea8d6 for the highest, drawn over
     * it), which the axes and the grid do not use.
     */
    private boolean curveDrawn() {
        Object drawn = ((JavascriptExecutor) chromium.driver()).executeScript(
                "const chart = document.getElementById('error-chart');"
                        + "if (Number(chart.dataset.points || 0) < 2) return false;"
                        + "const canvas = chart.querySelector('canvas');"
                        + "if (!canvas || canvas.width === 0) return false;"
                        + "const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;"
                        + "const near = (i, r, g, b) => Math.abs(pixels[i] - r) < 40 && Math.abs(pixels[i + 1] - g) < 40"
                        + "  && Math.abs(pixels[i + 2] - b) < 40;"
                        + "let curve = 0;"
                        + "for (let i = 0; i < pixels.length; i += 4) {"
                        + "  if (pixels[i + 3] > 128 && (near(i, 0x21, 0x66, 0xac) || near(i, 0x6e, 0xa8, 0xd6))) curve++;"
                        + "}"
                        + "return curve > 100;");
        return Boolean.TRUE.equals(drawn);
    }
}
