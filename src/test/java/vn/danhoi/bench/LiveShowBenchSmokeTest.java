package vn.danhoi.bench;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load generator itself, briefly and gently: a child danhoi node on the suite's stores, a few seconds of
 * web questions, SMS and calls, one editor, one studio socket and five viewers; nothing may be lost and both
 * reports must be written. No timing is asserted (the machine may be busy).
 */
class LiveShowBenchSmokeTest {

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aShortShowLosesNothingAndWritesItsReports(@TempDir Path out) throws Exception {
    LiveShowBench.Outcome outcome = LiveShowBench.run("--mode", "show", "--rate", "10", "--seconds", "3",
        "--warmup-seconds", "0", "--sms", "2", "--calls", "1", "--operators", "1", "--editors", "1",
        "--editor-rate", "5", "--studios", "1", "--viewers", "5", "--onair-interval-ms", "200",
        "--out", out.toString());

    assertNotNull(outcome);
    assertTrue(Files.exists(outcome.markdown()), "Markdown report written");
    assertTrue(Files.exists(outcome.json()), "JSON report written");
    assertTrue(outcome.markdown().startsWith(out) && outcome.markdown().getFileName().toString().endsWith("-show.md"));
    JsonObject written = new JsonObject(Files.readString(outcome.json()));
    JsonObject loss = written.getJsonObject("show").getJsonObject("loss");
    assertTrue(outcome.lossFree(), "nothing lost: " + loss.encodePrettily());
    assertEquals(30, loss.getJsonObject("web questions").getLong("accepted"), loss.encodePrettily());
    assertEquals(30, loss.getJsonObject("web questions").getLong("rowsFound"), loss.encodePrettily());
    assertEquals(6, loss.getJsonObject("SMS").getLong("rowsFound"), loss.encodePrettily());
    assertEquals(3, loss.getJsonObject("hotline calls").getLong("rowsFound"), loss.encodePrettily());
    JsonObject show = written.getJsonObject("show");
    assertEquals(5, show.getInteger("viewers"), show.encodePrettily());
    assertTrue(show.getLong("onAirChanges") >= 1, "an editor put an item on air: " + show.encodePrettily());
    String markdown = Files.readString(outcome.markdown());
    assertTrue(markdown.contains("Nothing lost: yes") && markdown.contains("bench/live-show.sh --mode show"),
        markdown);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void theOnAirLoadModeTimesTheOnAirPathAtThreeIntakeLevels(@TempDir Path out) throws Exception {
    LiveShowBench.Outcome outcome = LiveShowBench.run("--mode", "onair-load", "--start-rate", "10", "--max-rate",
        "20", "--probe-seconds", "1", "--bisect", "0", "--seconds", "2", "--curve-seconds", "1", "--p99-ms", "2000",
        "--warmup-seconds", "0", "--editors", "1", "--editor-rate", "5", "--studios", "1", "--viewers", "3",
        "--onair-interval-ms", "200", "--out", out.toString());

    assertNotNull(outcome);
    JsonObject written = new JsonObject(Files.readString(outcome.json()));
    assertTrue(outcome.lossFree(), written.getJsonArray("loss").encodePrettily());
    JsonObject load = written.getJsonObject("onAirLoad");
    assertEquals(3, load.getJsonArray("steps").size(), load.encodePrettily());
    for (int i = 0; i < 3; i++) {
      JsonObject step = load.getJsonArray("steps").getJsonObject(i);
      assertEquals(List.of(0, 50, 100).get(i), step.getInteger("percentOfMax"));
      assertTrue(step.getLong("onAirChanges") >= 1, "an on-air change was timed at each level: " + step.encode());
    }
    assertEquals(Math.round(load.getDouble("maxRate") / 2), load.getJsonArray("steps").getJsonObject(1)
        .getDouble("rate"), load.encodePrettily());
    String markdown = Files.readString(outcome.markdown());
    assertTrue(markdown.contains("## The on-air path at 0, 50 and 100 % of the intake's maximum"), markdown);
  }
}
