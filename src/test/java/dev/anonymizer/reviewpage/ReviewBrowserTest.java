package dev.anonymizer.reviewpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.anonymizer.pipeline.AnonymizationPipeline;
import dev.anonymizer.pipeline.ReviewArea;
import dev.anonymizer.review.HeldPhoto;
import dev.anonymizer.review.ReviewService;
import dev.anonymizer.storage.ObjectRef;
import dev.anonymizer.storage.ObjectStore;
import dev.anonymizer.support.HeldPhotos;
import dev.anonymizer.support.HoldReviewProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The review page in a real browser: Debian's chromium, driven through Debian's chromedriver (packages
 * {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs; the system property
 * {@code webdriver.chrome.driver} names the driver, nothing is downloaded). Signing in needs a reviewer's token; the
 * held photo is listed with its doubt outlined; a box drawn with the mouse over the face is censored and the photo
 * released; the output appears in the output location and its audit record names the action and the reviewer. A
 * screenshot of the page goes to {@code target/review-page.png} (the README's {@code docs/review-page.png}).
 */
@QuarkusTest
@TestProfile(HoldReviewProfile.class)
class ReviewBrowserTest {

    static final Path CHROMEDRIVER = Path.of(System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/review")
    URL page;

    @Inject
    AnonymizationPipeline pipeline;
    @Inject
    ObjectStore store;
    @Inject
    ReviewService review;

    @Test
    void aReviewerSignsInDrawsABoxOverTheMissedFaceAndReleasesThePhoto() throws Exception {
        assertTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM), "the browser test needs Debian's "
                + "chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run does it)");
        // a clean review area, so the page lists this test's photo alone (earlier cases of the profile left some)
        for (HeldPhoto p : review.held()) {
            review.release(p.id(), "test-cleanup");
        }
        String id = HeldPhotos.holdPortrait(store, pipeline);
        assertEquals(401, HttpClient.newHttpClient().send(HttpRequest.newBuilder(page.toURI()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(), "no token: 401");

        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1100,1000", "--hide-scrollbars");
        WebDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            // signing in navigates: an element found just before the new page replaced the old one is stale (or,
            // in Chromium's words, "does not belong to the document"), which means "not yet"; a wait that never
            // succeeds still fails at its timeout
            wait.ignoring(WebDriverException.class);
            browser.get(page.toString());
            assertEquals("Review: sign in", browser.getTitle(), "without a token the page asks for one");
            assertFalse(browser.getPageSource().contains(id), "and shows nothing held");
            signIn(browser, wait, "wrong-token-0123456789abcdef");
            assertTrue(browser.getPageSource().contains("not a reviewer's"), "a wrong token is refused");
            signIn(browser, wait, HoldReviewProfile.ALICE_TOKEN);

            wait.until(b -> "1".equals(b.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
            WebElement card = browser.findElement(By.cssSelector(".photo[data-id='" + id + "']"));
            WebElement img = card.findElement(By.tagName("img"));
            wait.until(b -> !card.findElements(By.cssSelector(".doubt")).isEmpty());
            assertTrue(card.findElement(By.cssSelector(".doubt")).getText().startsWith("face-below-threshold"),
                    "the doubt is outlined and named");
            Number natural = (Number) ((ChromeDriver) browser).executeScript("return arguments[0].naturalWidth", img);
            assertEquals(512, natural.intValue(), "the held censored copy is shown");

            // drag over the face the detector left under its threshold (its box in the image: 176,88 to 360,324);
            // Selenium's offsets are from the image's centre, shown at its own size
            double scale = img.getSize().getWidth() / 512.0;
            new Actions(browser).moveToElement(img, px(176 - 256, scale), px(88 - 256, scale)).clickAndHold()
                    .moveByOffset(px(100, scale), px(100, scale)).moveByOffset(px(84, scale), px(136, scale))
                    .release().perform();
            String boxText = card.findElement(By.cssSelector(".box")).getText();
            assertTrue(boxText.startsWith("box "), boxText);
            List<Integer> drawn = java.util.Arrays.stream(boxText.replace("box ", "").replace(" px", "").split(", "))
                    .map(Integer::parseInt).toList();
            assertTrue(Math.abs(drawn.get(0) - 176) <= 3 && Math.abs(drawn.get(1) - 88) <= 3
                    && Math.abs(drawn.get(2) - 184) <= 4 && Math.abs(drawn.get(3) - 236) <= 4, boxText);
            new Select(card.findElement(By.cssSelector("select.category"))).selectByValue("face");
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "review-page.png"), ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

            card.findElement(By.cssSelector("button.censor")).click();
            WebElement status = card.findElement(By.cssSelector(".status"));
            wait.until(b -> status.getText().startsWith("released"));
            assertTrue(status.getText().contains("by alice"), status.getText());
        } finally {
            browser.quit();
            service.stop();
        }

        ObjectRef out = ReviewArea.outputOf(id).orElseThrow();
        assertTrue(store.head(out).isPresent(), "the photo is in the output location");
        assertTrue(review.held(id).isEmpty(), "and no longer held");
        JsonNode audit = new ObjectMapper().readTree(store.get(ObjectRef.of(out.bucket(), out.key() + ".audit.json"))
                .bytes());
        JsonNode censored = audit.at("/review/actions/0");
        assertEquals("censored", censored.path("action").asText(), audit.path("review").toString());
        assertEquals("face", censored.path("category").asText());
        assertEquals("alice", censored.path("by").asText());
        assertEquals(4, censored.path("box").size());
        assertTrue(Math.abs(censored.path("box").get(0).asInt() - 176) <= 3, censored.toString());
        assertEquals("released", audit.at("/review/actions/1/action").asText());
    }

    /** Submits the sign-in form and waits for the page it leads to (the form's page is gone). */
    private static void signIn(WebDriver browser, WebDriverWait wait, String token) {
        WebElement field = browser.findElement(By.id("token"));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        wait.until(b -> isGone(field));
    }

    /**
     * Whether the page that held {@code element} has been replaced. Chromium reports a node of a page that is being
     * replaced either as stale or as "Node with given id does not belong to the document": both mean gone.
     */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (WebDriverException e) {
            return true;
        }
    }

    private static int px(int imagePixels, double scale) {
        return (int) Math.round(imagePixels * scale);
    }

}
