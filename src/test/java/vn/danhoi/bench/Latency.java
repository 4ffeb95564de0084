package vn.danhoi.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** A latency histogram in microseconds, safe to record from any thread, summarised in milliseconds. */
final class Latency {

  private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

  private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);

  void recordNanos(long nanos) {
    histogram.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos))));
  }

  void recordMillis(double millis) {
    histogram.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, Math.round(millis * 1000))));
  }

  void reset() {
    histogram.reset();
  }

  long count() {
    return histogram.getTotalCount();
  }

  double p99Ms() {
    return histogram.getValueAtPercentile(99) / 1000.0;
  }

  /** {count, p50Ms, p99Ms, p999Ms, maxMs}; the percentiles are null when nothing was recorded. */
  JsonObject toJson() {
    JsonObject out = new JsonObject().put("count", histogram.getTotalCount());
    if (histogram.getTotalCount() == 0) {
      return out.putNull("p50Ms").putNull("p99Ms").putNull("p999Ms").putNull("maxMs");
    }
    return out.put("p50Ms", ms(histogram.getValueAtPercentile(50)))
        .put("p99Ms", ms(histogram.getValueAtPercentile(99)))
        .put("p999Ms", ms(histogram.getValueAtPercentile(99.9)))
        .put("maxMs", ms(histogram.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }

  /** One Markdown table row: | what | count | p50 | p99 | p99.9 | max |. */
  static String row(String what, JsonObject summary) {
    if (summary == null) {
      return "| " + what + " | – | – | – | – | – |\n";
    }
    return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s |%n", what, summary.getLong("count", 0L),
        fmt(summary.getValue("p50Ms")), fmt(summary.getValue("p99Ms")), fmt(summary.getValue("p999Ms")),
        fmt(summary.getValue("maxMs")));
  }

  static String header() {
    return "| latency | count | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) |\n"
        + "| --- | ---: | ---: | ---: | ---: | ---: |\n";
  }

  static String fmt(Object v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.2f", d);
    }
    return v.toString();
  }
}
