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
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--window-size=1920,1080", "--lang=vi",
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
