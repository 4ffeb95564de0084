package vn.danhoi.bench;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command-line options of {@link LiveShowBench}: "--name value" pairs, each with a default. */
final class BenchOptions {

  /** name, default, meaning: the --help text and the set of known options. */
  static final String[][] OPTIONS = {
      {"mode", "show", "show | max-intake | onair-load | fanout | limits | all (onair-load: the intake's maximum "
          + "found as in max-intake, then the on-air path timed at 0, 50 and 100 % of it, with the show's sockets)"},
      {"rate", "200", "web questions per second (show; the found rate in all)"},
      {"seconds", "60", "length of a show run and of max-intake's confirming run"},
      {"warmup-seconds", "10", "web questions before measuring (show: at --rate, max-intake: at --start-rate); "
          + "checked for loss like the rest, left out of the latency figures"},
      {"sms", "5", "signed SMS webhook posts per second"},
      {"calls", "1", "hotline calls logged per second, spread over the operators"},
      {"operators", "2", "operators (one API token each)"},
      {"editors", "3", "editors: one token and one moderation socket each"},
      {"editor-rate", "2", "items each editor works through per second (claim, categorize, merge or shortlist+next)"},
      {"studios", "2", "studio display sockets (1-3)"},
      {"viewers", "100", "public live-page sockets in show mode"},
      {"onair-interval-ms", "2000", "pause between on-air changes (each: on-air, wait for studio and viewers, "
          + "answered)"},
      {"nodes", "1", "danhoi nodes started on the same PostgreSQL and Redis (1 or 2)"},
      {"url", "", "test running servers instead (comma-separated base URLs, one per node)"},
      {"admin-token", "", "with --url: the bootstrap admin token"},
      {"sms-secret", "", "with --url: the SMS webhook secret"},
      {"pg-url", "", "with --url: the server's PostgreSQL (postgresql://user[:pw]@host:port/db) for the loss check"},
      {"p99-ms", "50", "max-intake: the p99 a sustained rate must keep"},
      {"start-rate", "500", "max-intake: first probe rate"},
      {"max-rate", "20000", "max-intake: never probe above this rate"},
      {"probe-seconds", "5", "max-intake: length of each probe and bisection step"},
      {"bisect", "4", "max-intake: bisection steps between the last good and first bad rate"},
      {"curve-seconds", "20", "max-intake: length of each step of the 25/50/75/100 % curve"},
      {"fanout-viewers", "1000,5000,10000", "fanout: viewer counts, one node"},
      {"connect-rate", "500", "fanout and show: viewer sockets opened per second"},
      {"changes", "5", "fanout: on-air changes timed per viewer count"},
      {"pg-seconds", "20", "limits: pgbench run length"},
      {"pg-clients", "16", "limits: pgbench clients (the server's pool size)"},
      {"redis-requests", "200000", "limits: redis-benchmark XADD requests"},
      {"redis-clients", "50", "limits: redis-benchmark clients"},
      {"connections", "256", "HTTP connections per node of the load generator"},
      {"loops", "2", "event loops of the load generator"},
      {"server-loops", "", "DANHOI_HTTP_INSTANCES of the started nodes and event loops of the trivial endpoint "
          + "(default: the number of cores)"},
      {"server-jvm-opts", "", "JVM options of the started servers, space-separated (e.g. -Xmx1g)"},
      {"server-env", "", "more environment of the started nodes, comma-separated KEY=VALUE (the shell's DANHOI_* "
          + "variables are not passed on)"},
      {"drain-seconds", "30", "how long to wait for the last items to reach the moderation sockets"},
      {"out", "bench/results", "folder for the Markdown and JSON reports"},
  };

  private final Map<String, String> values = new LinkedHashMap<>();
  final List<String> args;
  final boolean help;

  BenchOptions(String[] argv) {
    this.args = List.of(argv);
    for (String[] o : OPTIONS) {
      values.put(o[0], o[1]);
    }
    boolean wantsHelp = false;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--help") || a.equals("-h")) {
        wantsHelp = true;
        continue;
      }
      String name;
      String value;
      if (a.startsWith("--") && a.contains("=")) {
        name = a.substring(2, a.indexOf('='));
        value = a.substring(a.indexOf('=') + 1);
      } else if (a.startsWith("--") && i + 1 < argv.length) {
        name = a.substring(2);
        value = argv[++i];
      } else {
        throw new IllegalArgumentException("Unexpected argument " + a + " (try --help)");
      }
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("Unknown option --" + name + " (try --help)");
      }
      values.put(name, value);
    }
    this.help = wantsHelp;
    if (!List.of("show", "max-intake", "onair-load", "fanout", "limits", "all").contains(mode())) {
      throw new IllegalArgumentException("--mode must be show, max-intake, onair-load, fanout, limits or all");
    }
    if (integer("nodes") < 1 || integer("nodes") > 2) {
      throw new IllegalArgumentException("--nodes must be 1 or 2");
    }
    if (integer("studios") < 1 || integer("studios") > 3) {
      throw new IllegalArgumentException("--studios must be 1, 2 or 3");
    }
    serverEnv();
  }

  static String usage() {
    StringBuilder b = new StringBuilder("Usage: bench/live-show.sh [--option value]...\n\n");
    for (String[] o : OPTIONS) {
      b.append(String.format("  --%-18s %s%s%n", o[0], o[2], o[1].isEmpty() ? "" : " (default " + o[1] + ")"));
    }
    return b.toString();
  }

  String mode() {
    return values.get("mode");
  }

  String text(String name) {
    return values.get(name);
  }

  int integer(String name) {
    return (int) number(name);
  }

  double number(String name) {
    String v = values.get(name);
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, not \"" + v + "\"");
    }
  }

  List<Integer> integers(String name) {
    return Arrays.stream(values.get(name).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Integer::parseInt).toList();
  }

  List<String> urls() {
    String v = values.get("url");
    return v.isBlank() ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
  }

  Path out() {
    return Path.of(values.get("out"));
  }

  int serverLoops() {
    String v = values.get("server-loops");
    return v.isBlank() ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(v);
  }

  List<String> serverJvmOptions() {
    String v = values.get("server-jvm-opts");
    return v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
  }

  Map<String, String> serverEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : values.get("server-env").split(",")) {
      if (!pair.isBlank()) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("--server-env takes KEY=VALUE pairs, not \"" + pair + "\"");
        }
        env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
    return env;
  }

  /** The options in force (secrets left out). */
  JsonObject toJson() {
    JsonObject out = new JsonObject();
    values.forEach((k, v) -> {
      if (!k.equals("admin-token") && !k.equals("sms-secret")) {
        out.put(k, v);
      }
    });
    return out;
  }

  /** The command that reproduces this run. */
  String commandLine() {
    List<String> parts = new ArrayList<>();
    parts.add("bench/live-show.sh");
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      boolean secret = i > 0 && (args.get(i - 1).equals("--admin-token") || args.get(i - 1).equals("--sms-secret"))
          || a.startsWith("--admin-token=") || a.startsWith("--sms-secret=");
      parts.add(secret ? "'…'" : quote(a));
    }
    StringBuilder env = new StringBuilder();
    for (String name : List.of("DANHOI_PG_URL", "DANHOI_REDIS_URL")) {
      String v = System.getenv(name);
      if (v != null && !v.isBlank()) {
        env.append(name).append('=').append(quote(v.replaceAll("//([^:/@]+):[^@]*@", "//$1:***@"))).append(' ');
      }
    }
    return env + String.join(" ", parts);
  }

  private static String quote(String s) {
    return s.matches("[A-Za-z0-9_./:=,@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }
}
