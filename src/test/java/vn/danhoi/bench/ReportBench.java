package vn.danhoi.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import vn.danhoi.support.Sql;
import vn.danhoi.support.TestNode;
import vn.danhoi.support.TestStores;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * How long a report takes on a year of data: twelve monthly episodes, {@code questions} submissions (every
 * channel, 8 fields, 40 localities), a third of them assigned to 15 agencies, two thirds of those answered
 * and approved. Times the JSON of the year and of one month (one caller, then four at once), and the XLSX and
 * PDF of the year, against the configured PostgreSQL.
 *
 *   DANHOI_PG_URL=postgresql://postgres@127.0.0.1:5432/test DANHOI_REDIS_URL=redis://127.0.0.1:6379 \
 *   mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=vn.danhoi.bench.ReportBench \
 *       -Dexec.args=200000
 *
 * With -Dkeep=true the database is kept (its name printed) for EXPLAIN; -DseedOnly=true stops after seeding.
 */
public final class ReportBench {

  private ReportBench() {
  }

  public static void main(String[] args) throws Exception {
    int questions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    String db = TestStores.newDatabase();
    Vertx vertx = Vertx.vertx();
    TestNode node = TestNode.start(vertx, TestNode.env(db, TestStores.redisUrl(), TestStores.newPrefix()));
    try {
      long seeded = System.nanoTime();
      seed(new Sql(db), questions);
      System.out.printf(Locale.ROOT, "seeded %,d submissions in %.1f s%n", questions,
          (System.nanoTime() - seeded) / 1e9);
      String editor = node.token("editor");
      if (Boolean.getBoolean("seedOnly")) {
        return;
      }
      time("JSON, year 2026", 20, 1, () -> node.get("/api/reports?period=2026", editor));
      time("JSON, month 2026-06", 40, 1, () -> node.get("/api/reports?period=2026-06", editor));
      time("JSON, month 2026-06, 4 callers", 80, 4, () -> node.get("/api/reports?period=2026-06", editor));
      time("chart SVG, year, by locality", 20, 1,
          () -> node.get("/api/reports/chart.svg?period=2026&by=locality", editor));
      time("XLSX, year (every question)", 3, 1, () -> node.get("/api/reports.xlsx?period=2026", editor));
      time("PDF, year (first 2,000 questions)", 5, 1, () -> node.get("/api/reports.pdf?period=2026", editor));
      System.out.println("command: DANHOI_PG_URL=… DANHOI_REDIS_URL=… mvn -q test-compile exec:java "
          + "-Dexec.classpathScope=test -Dexec.mainClass=vn.danhoi.bench.ReportBench -Dexec.args=" + questions);
    } finally {
      node.close();
      vertx.close().await();
      if (Boolean.getBoolean("keep")) {
        System.out.println("kept " + db);
      } else {
        TestStores.dropDatabase(db);
      }
    }
  }

  private static void seed(Sql sql, int questions) {
    sql.rows("INSERT INTO episodes (id, title, starts_at, duration_minutes, intake_opens_at, intake_closes_at) "
        + "SELECT gen_random_uuid(), 'Dân hỏi tháng ' || m, make_timestamptz(2026, m, 15, 20, 0, 0, 'Asia/Ho_Chi_Minh'), "
        + "60, make_timestamptz(2026, m, 1, 0, 0, 0, 'Asia/Ho_Chi_Minh'), "
        + "make_timestamptz(2026, m, 15, 21, 0, 0, 'Asia/Ho_Chi_Minh') FROM generate_series(1, 12) m");
    sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, text, consent_basis, status, "
        + "field) SELECT gen_random_uuid(), (SELECT id FROM episodes ORDER BY starts_at OFFSET i % 12 LIMIT 1), "
        + "(ARRAY['web','sms','hotline','email','post','form'])[1 + i % 6], 'Nguyễn Văn Hòa', 'Xã số ' || (i % 40), "
        + "'Câu hỏi số ' || i || ' về đường giao thông nông thôn và cấp nước sạch', 'consent-v1', "
        + "CASE WHEN i % 5 = 0 THEN 'answered' WHEN i % 17 = 0 THEN 'rejected' WHEN i % 23 = 0 THEN 'merged' "
        + "ELSE 'received' END, (ARRAY['Đất đai','Giao thông','Y tế','Giáo dục','Môi trường','Lao động','Xây dựng',"
        + "'Nông nghiệp'])[1 + i % 8] FROM generate_series(1, ?) i", questions);
    sql.rows("INSERT INTO assignments (id, submission_id, episode_id, agency, due_at, escalate_at, status, "
        + "assigned_by, assigned_at) SELECT gen_random_uuid(), s.id, s.episode_id, 'Sở số ' || (s.seq % 15), "
        + "e.starts_at + interval '21 days', e.starts_at + interval '28 days', "
        + "CASE WHEN s.seq % 3 = 0 THEN 'assigned' ELSE 'approved' END, 'bench', e.starts_at + interval '1 day' "
        + "FROM submissions s JOIN episodes e ON e.id = s.episode_id WHERE s.status = 'received' AND s.seq % 3 <> 1");
    sql.rows("INSERT INTO answers (id, assignment_id, submission_id, text, answered_by, answered_at, review) "
        + "SELECT gen_random_uuid(), a.id, a.submission_id, 'Trả lời', 'bench', "
        + "a.assigned_at + (s.seq % 30) * interval '1 day', 'approved' FROM assignments a "
        + "JOIN submissions s ON s.id = a.submission_id WHERE a.status = 'approved'");
    sql.rows("ANALYZE");
  }

  private static void time(String what, int requests, int callers, Supplier<HttpResponse<Buffer>> call)
      throws Exception {
    call.get();
    Latency latency = new Latency();
    List<Long> sizes = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    long start = System.nanoTime();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      all.add(CompletableFuture.runAsync(() -> {
        long t = System.nanoTime();
        HttpResponse<Buffer> r = call.get();
        latency.recordNanos(System.nanoTime() - t);
        if (r.statusCode() != 200) {
          throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.bodyAsString());
        }
        synchronized (sizes) {
          sizes.add((long) r.body().length());
        }
      }, pool));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    var s = latency.toJson();
    System.out.printf(Locale.ROOT, "%-36s %4d req  %6.2f req/s  p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms  %,d bytes%n",
        what, requests, requests / seconds, s.getDouble("p50Ms"), s.getDouble("p99Ms"), s.getDouble("maxMs"),
        sizes.get(0));
  }
}
