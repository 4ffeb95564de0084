package vn.danhoi.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium from Debian's packages (chromium, chromium-driver), never a downloaded browser:
 * the driver and binary paths are given, so Selenium Manager has nothing to fetch.
 */
public final class Browser {

  public static final Path CHROMIUM = Path.of(System.getProperty("danhoi.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER = Path.of(System.getProperty("danhoi.chromedriver", "/usr/bin/chromedriver"));

  private Browser() {
  }

  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips the class (an assumption) where Debian's chromium and chromium-driver are missing. */
  public static void assumeInstalled() {
    assumeTrue(available(), "Debian's chromium and chromium-driver are not installed "
        + "(apt-get install chromium chromium-driver); .ci/run installs them");
  }

  public static ChromeDriver start() {
    return start(1920, 1080);
  }

  /**
   * A browser whose page area (the viewport, not the window) is width × height CSS pixels: the desk sizes the
   * consoles are tested at (1366×768 office laptops, 1920×1080 and 1280×720 studio screens, a 390×844 phone).
   */
  public static ChromeDriver start(int width, int height) {
    ChromeDriver driver = open(width, height);
    viewport(driver, width, height);
    return driver;
  }

  /** Resizes the window so that the page area is width × height, whatever the headless frame takes. */
  public static void viewport(ChromeDriver driver, int width, int height) {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight]");
    java.util.List<?> wh = (java.util.List<?>) inner;
    int dw = width - ((Number) wh.get(0)).intValue();
    int dh = height - ((Number) wh.get(1)).intValue();
    if (dw != 0 || dh != 0) {
      driver.manage().window().setSize(new org.openqa.selenium.Dimension(width + dw, height + dh));
    }
  }

  /**
   * Whether the element is shown wholly inside the viewport as the page stands (nothing scrolled): what a user
   * at that desk sees without scrolling.
   */
  public static boolean inViewport(ChromeDriver driver, org.openqa.selenium.WebElement element) {
    return Boolean.TRUE.equals(driver.executeScript("""
        const r = arguments[0].getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0
          && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
        """, element));
  }

  private static ChromeDriver open(int width, int height) {
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--window-size=" + width + "," + height, "--lang=vi",
          "--user-data-dir=" + Files.createTempDirectory("danhoi-chromium"));
      // the page's console, so a failed wait can say what the script said
      options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      return new ChromeDriver(service, options);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the page wrote to its console (errors included), one line each. */
  public static String console(ChromeDriver driver) {
    try {
      StringBuilder out = new StringBuilder();
      driver.manage().logs().get("browser").forEach(e -> out.append(e.getLevel()).append(' ')
          .append(e.getMessage()).append('\n'));
      return out.toString();
    } catch (RuntimeException e) {
      return "(console not available: " + e + ")";
    }
  }

  public static Path screenshot(ChromeDriver driver, String name) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "screenshots"));
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path target = dir.resolve(name + ".png");
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
