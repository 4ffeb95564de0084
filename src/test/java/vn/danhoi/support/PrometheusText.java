package vn.danhoi.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads Prometheus' text exposition format (0.0.4) strictly: every line is a comment or a sample
 * {@code name{label="value",...} value [timestamp]}, with the format's escapes in label values; anything else
 * fails the test, so a malformed scrape cannot pass for an empty one.
 */
public final class PrometheusText {

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public boolean has(Map<String, String> wanted) {
      return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
  }

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  public static PrometheusText parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      out.add(new LineReader(line).sample());
    }
    return new PrometheusText(List.copyOf(out));
  }

  public List<Sample> samples() {
    return samples;
  }

  public List<Sample> named(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The samples of the metric carrying all these labels. */
  public List<Sample> find(String name, Map<String, String> labels) {
    return named(name).stream().filter(s -> s.has(labels)).toList();
  }

  /** The sum over the samples of the metric carrying all these labels (0 when there are none). */
  public double sum(String name, Map<String, String> labels) {
    return find(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  public boolean any(Predicate<Sample> match) {
    return samples.stream().anyMatch(match);
  }

  private static final class LineReader {
    private final String line;
    private int at;

    LineReader(String line) {
      this.line = line;
    }

    Sample sample() {
      String name = name();
      Map<String, String> labels = new LinkedHashMap<>();
      if (peek() == '{') {
        at++;
        while (peek() != '}') {
          String label = name();
          expect('=');
          expect('"');
          labels.put(label, quoted());
          if (peek() == ',') {
            at++;
          }
        }
        at++;
      }
      expect(' ');
      String[] rest = line.substring(at).split(" ");
      if (rest.length < 1 || rest.length > 2) {
        throw new AssertionError("bad sample line: " + line);
      }
      return new Sample(name, Map.copyOf(labels), value(rest[0]));
    }

    private String name() {
      int start = at;
      while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_'
          || line.charAt(at) == ':')) {
        at++;
      }
      if (at == start) {
        throw new AssertionError("name expected at " + at + ": " + line);
      }
      return line.substring(start, at);
    }

    private String quoted() {
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c == '\\') {
          char e = next();
          out.append(switch (e) {
            case 'n' -> '\n';
            case '\\' -> '\\';
            case '"' -> '"';
            default -> throw new AssertionError("bad escape \\" + e + ": " + line);
          });
        } else {
          out.append(c);
        }
      }
    }

    private double value(String v) {
      return switch (v) {
        case "+Inf" -> Double.POSITIVE_INFINITY;
        case "-Inf" -> Double.NEGATIVE_INFINITY;
        case "NaN" -> Double.NaN;
        default -> Double.parseDouble(v);
      };
    }

    private char peek() {
      if (at >= line.length()) {
        throw new AssertionError("line ends early: " + line);
      }
      return line.charAt(at);
    }

    private char next() {
      char c = peek();
      at++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw new AssertionError("'" + c + "' expected at " + (at - 1) + ": " + line);
      }
    }
  }
}
