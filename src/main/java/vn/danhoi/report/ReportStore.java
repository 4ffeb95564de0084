package vn.danhoi.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.calendar.WorkingCalendar;
import vn.danhoi.document.DocumentNumbers;
import vn.danhoi.document.DocumentType;
import vn.danhoi.document.Issuer;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.infra.EventLog;
import vn.danhoi.notice.NoticeQueue;
import vn.danhoi.privacy.ContactRedaction;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * All SQL of the reports. Every figure is counted by PostgreSQL in one read-only snapshot, so the totals,
 * the breakdowns and the agencies' lines of one report always add up, even while agencies are answering.
 */
public final class ReportStore {

  /**
   * $1 episode, or $2..$3 the period and $4 the program (any when null): the episodes the report covers (a
   * cancelled one only when named).
   */
  private static final String SCOPE = "WITH e AS (SELECT id, title, kind, starts_at, program_id FROM episodes "
      + "WHERE ($1::uuid IS NOT NULL AND id = $1) OR ($1::uuid IS NULL AND status <> 'cancelled' "
      + "AND starts_at >= $2 AND starts_at < $3 AND ($4::uuid IS NULL OR program_id = $4))) ";
  /** Each assignment's approved answer (the review closes the assignment, so there is one at most). */
  private static final String APPROVED = ", n AS (SELECT assignment_id, min(answered_at) AS answered_at, "
      + "min(published_at) AS published_at FROM answers WHERE review = 'approved' GROUP BY assignment_id) ";
  /**
   * The questions kept, each with its live assignment (assignments_live allows one per question) and that
   * assignment's approved answer. Joins rather than a lookup per question: a year holds hundreds of thousands.
   * A question has a field by any route: the editors' category; else the field it was assigned by (follow-up's
   * "assign by field", in the assignment's event); else the keyword suggestion, once its agency was taken.
   */
  private static final String QUESTIONS = SCOPE + APPROVED + ", q AS (SELECT s.seq, s.channel, s.asker_count, "
      + "s.asker_name, coalesce(s.edited_text, s.text) AS text, coalesce(nullif(btrim(s.field), ''), "
      + "nullif(btrim(ev.by_field), ''), "
      + "CASE WHEN fold_case(coalesce(g.agency, s.agency)) = fold_case(s.suggested_agency) "
      + "THEN nullif(btrim(s.suggested_field), '') END) AS field, "
      + "nullif(regexp_replace(btrim(s.locality), '\\s+', ' ', 'g'), '') AS locality, "
      + "fold_case(nullif(regexp_replace(btrim(s.locality), '\\s+', ' ', 'g'), '')) AS place, "
      + "coalesce(g.agency, nullif(btrim(s.agency), '')) AS agency, "
      + "s.status = 'answered' AS on_air, n.answered_at, n.published_at, g.due_at, e.title, e.starts_at "
      + "FROM submissions s JOIN e ON e.id = s.episode_id "
      + "LEFT JOIN assignments g ON g.submission_id = s.id AND g.status NOT IN ('sent_back', 'withdrawn') "
      + "LEFT JOIN n ON n.assignment_id = g.id "
      + "LEFT JOIN LATERAL (SELECT x.after->>'byField' AS by_field FROM events x WHERE x.entity_type = 'submission' "
      + "AND x.entity_id = s.id::text AND x.action = 'item.assigned' AND x.after->>'assignment' = g.id::text "
      + "LIMIT 1) ev ON g.id IS NOT NULL "
      // complaints and denunciations are not questions: counted apart (RECEIVED), never among these
      + "WHERE s.status NOT IN ('merged', 'rejected', 'unrouted', 'referred') AND s.merged_into IS NULL "
      + "AND s.message_kind = 'question') ";
  /**
   * A locality is typed by people ("xã Phước Lợi", "Xã  Phước Lợi", "xa phuoc loi, long an"): counted here by its
   * folded words, shown as most of its questions spell it; LocalityRows then adds these up by commune and by
   * province. The province has no grouping set of its own: it is read from the same rows.
   */
  private static final String DIMENSION = "CASE WHEN grouping(channel) = 0 THEN 'channel' "
      + "WHEN grouping(field) = 0 THEN 'field' WHEN grouping(place) = 0 THEN 'locality' "
      + "WHEN grouping(agency) = 0 THEN 'agency' END";
  private static final String BREAKDOWNS = QUESTIONS + "SELECT " + DIMENSION + " AS dim, CASE "
      + "WHEN grouping(channel) = 0 THEN channel WHEN grouping(field) = 0 THEN field "
      + "WHEN grouping(place) = 0 THEN mode() WITHIN GROUP (ORDER BY locality) "
      + "WHEN grouping(agency) = 0 THEN agency END AS key, "
      + "count(*) AS questions, coalesce(sum(asker_count), 0) AS askers, count(*) FILTER (WHERE on_air) AS on_air, "
      + "count(*) FILTER (WHERE NOT on_air AND answered_at IS NOT NULL) AS after, "
      + "count(*) FILTER (WHERE NOT on_air AND published_at IS NOT NULL) AS published "
      + "FROM q GROUP BY GROUPING SETS ((channel), (field), (place), (agency), ()) "
      + "ORDER BY dim NULLS FIRST, questions DESC, key NULLS LAST";
  private static final String RECEIVED = SCOPE + "SELECT count(*) AS received, "
      + "count(*) FILTER (WHERE s.status = 'merged' OR s.merged_into IS NOT NULL) AS merged, "
      + "count(*) FILTER (WHERE s.status = 'rejected') AS rejected, "
      + "count(*) FILTER (WHERE s.message_kind = 'complaint') AS complaints, "
      + "count(*) FILTER (WHERE s.message_kind = 'denunciation') AS denunciations "
      + "FROM submissions s JOIN e ON e.id = s.episode_id WHERE s.status <> 'unrouted'";
  private static final String LIVE = "a.status NOT IN ('sent_back', 'withdrawn')";
  /**
   * $5 now: what is past its deadline. The answered assignments' dates go back to Java, which counts the
   * working days between them (the deadlines are in working days, so is the time taken).
   */
  private static final String AGENCIES = SCOPE + APPROVED + "SELECT a.agency, grouping(a.agency) AS everyone, "
      + "count(*) FILTER (WHERE " + LIVE + ") AS assigned, "
      + "count(*) FILTER (WHERE a.status = 'sent_back') AS sent_back, "
      + "count(*) FILTER (WHERE n.answered_at <= a.due_at) AS on_time, "
      + "count(*) FILTER (WHERE n.answered_at > a.due_at) AS late, "
      + "count(*) FILTER (WHERE n.answered_at IS NULL AND " + LIVE + " AND a.due_at < $5) AS overdue, "
      + "count(*) FILTER (WHERE n.answered_at IS NULL AND " + LIVE + " AND a.due_at >= $5) AS not_due, "
      + "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.answered_at - a.assigned_at)) "
      + "AS median_seconds, array_agg(a.assigned_at ORDER BY a.id) FILTER (WHERE n.answered_at IS NOT NULL) "
      + "AS assigned_ats, array_agg(n.answered_at ORDER BY a.id) FILTER (WHERE n.answered_at IS NOT NULL) "
      + "AS answered_ats "
      + "FROM assignments a JOIN submissions s ON s.id = a.submission_id JOIN e ON e.id = s.episode_id "
      + "LEFT JOIN n ON n.assignment_id = a.id "
      + "WHERE a.status <> 'withdrawn' AND s.message_kind = 'question' GROUP BY GROUPING SETS ((a.agency), ()) "
      + "ORDER BY grouping(a.agency), assigned DESC, a.agency";
  /** $5 how many. */
  private static final String LIST = QUESTIONS + "SELECT * FROM q ORDER BY starts_at, seq LIMIT $5";
  /** The askers' notices about the scope's questions, by channel, tallied as the editors' list tallies them. */
  private static final String NOTICES = SCOPE + "SELECT n.channel, " + NoticeQueue.TALLIES
      + "FROM notifications n JOIN submissions s ON s.id = n.submission_id JOIN e ON e.id = s.episode_id "
      + "GROUP BY n.channel ORDER BY n.channel";
  private static final String EPISODES = SCOPE + "SELECT id, title, kind, starts_at FROM e "
      + "ORDER BY starts_at, title";
  /**
   * Who issues the report: the program named, else the one program all the episodes belong to; none (the
   * council's default) when they belong to several.
   */
  private static final String ISSUER = SCOPE + "SELECT p.parent_body, p.issuing_body, p.issuer_abbreviation, p.place "
      + "FROM programs p WHERE p.id = coalesce($4, (SELECT min(program_id::text)::uuid FROM e "
      + "HAVING count(DISTINCT program_id) = 1 AND count(*) = count(program_id)))";
  /** The issuer of a council's documents when no program names one, as the conclusion notice's. */
  static final String COUNCIL = "Thường trực Hội đồng nhân dân";

  private final Pool pool;
  private final WorkingCalendar calendar;

  public ReportStore(Pool pool, WorkingCalendar calendar) {
    this.pool = pool;
    this.calendar = calendar;
  }

  /**
   * The report of a scope with at most {@code listed} of its questions, or null for an episode that does not
   * exist.
   */
  public Future<Report> report(ReportScope scope, ZoneId zone, OffsetDateTime now, int listed) {
    Tuple base = Tuple.of(scope.episodeId(), scope.start(zone), scope.end(zone), scope.programId());
    return pool.withTransaction(tx -> tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY").execute()
        .compose(v -> episodes(tx, base))
        .compose(episodes -> {
          if (scope.isEpisode() && episodes.isEmpty()) {
            return Future.succeededFuture(null);
          }
          String title = scope.isEpisode() ? episodes.get(0).title() : scope.label();
          return tx.preparedQuery(ISSUER).execute(base).compose(issuer -> tx.preparedQuery(RECEIVED).execute(base)
              .map(rows -> rows.iterator().next())
              .compose(received -> tx.preparedQuery(BREAKDOWNS).execute(base).compose(groups ->
                  tx.preparedQuery(AGENCIES).execute(with(base, now)).compose(agencies ->
                      tx.preparedQuery(LIST).execute(with(base, listed)).compose(list ->
                          tx.preparedQuery(NOTICES).execute(base).map(notices -> build(scope, title, now,
                          episodes, received, groups, timeliness(agencies, zone), list, notices)
                          .issuedBy(issuer(issuer))))))));
        }));
  }

  /**
   * A "Báo cáo" issued: the issuer's next number of the year, the document written with it, and the export
   * logged with that number, in one transaction.
   */
  public <T> Future<T> issued(Issuer issuer, int year, Function<Integer, Future<T>> write, ReportScope scope,
                              String format, String actor, String address) {
    return pool.withTransaction(tx -> DocumentNumbers.next(tx, issuer, DocumentType.REPORT, year)
        .compose(number -> write.apply(number).compose(written -> EventLog.append(tx,
                exported(scope, format, actor, address, new JsonObject().put("number", number)
                    .put("symbol", OfficialDocument.symbol(number, DocumentType.REPORT, issuer))))
            .map(written))));
  }

  /** An export, in the audit log like every staff action. */
  public Future<Void> exported(ReportScope scope, String format, String actor, String address) {
    return EventLog.append(pool, exported(scope, format, actor, address, new JsonObject()));
  }

  private static EventLog.Event exported(ReportScope scope, String format, String actor, String address,
                                         JsonObject after) {
    after.put("format", format).put("period", scope.period());
    if (scope.programId() != null) {
      after.put("program", scope.programId().toString());
    }
    return EventLog.Event.of(actor, "report.exported", "report", scope.fileTag()).inEpisode(scope.episodeId())
        .after(after).from(address);
  }

  private static Tuple with(Tuple base, Object extra) {
    return Tuple.of(base.getValue(0), base.getValue(1), base.getValue(2), base.getValue(3), extra);
  }

  private static Report.Issued issuer(Iterable<Row> rows) {
    for (Row r : rows) {
      return new Report.Issued(Issuer.of(r.getString("parent_body"), r.getString("issuing_body"),
          r.getString("issuer_abbreviation"), COUNCIL), r.getString("place"));
    }
    return new Report.Issued(Issuer.of("", "", "", COUNCIL), "");
  }

  /** Each agency's line, and everyone's last; the medians in calendar and in working days. */
  private List<Report.Timeliness> timeliness(Iterable<Row> rows, ZoneId zone) {
    List<Report.Timeliness> out = new ArrayList<>();
    for (Row r : rows) {
      Double seconds = r.getDouble("median_seconds");
      OffsetDateTime[] from = r.getArrayOfOffsetDateTimes("assigned_ats");
      OffsetDateTime[] to = r.getArrayOfOffsetDateTimes("answered_ats");
      List<Integer> days = new ArrayList<>();
      for (int i = 0; from != null && i < from.length; i++) {
        days.add(calendar.workingDaysBetween(from[i].atZoneSameInstant(zone).toLocalDate(),
            to[i].atZoneSameInstant(zone).toLocalDate()));
      }
      out.add(new Report.Timeliness(r.getInteger("everyone") == 1 ? null : r.getString("agency"),
          r.getLong("assigned"), r.getLong("on_time"), r.getLong("late"), r.getLong("overdue"), r.getLong("not_due"),
          r.getLong("sent_back"), seconds == null ? null : Math.round(seconds / 8640.0) / 10.0, median(days)));
    }
    return out;
  }

  static Double median(List<Integer> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Integer> sorted = values.stream().sorted().toList();
    int mid = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2.0;
  }

  private static Future<List<Report.EpisodeRow>> episodes(SqlConnection tx, Tuple base) {
    return tx.preparedQuery(EPISODES).execute(base).map(rows -> {
      List<Report.EpisodeRow> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Report.EpisodeRow(r.getUUID("id").toString(), r.getString("title"),
          r.getString("kind"), r.getOffsetDateTime("starts_at"))));
      return out;
    });
  }

  private static Report build(ReportScope scope, String title, OffsetDateTime now, List<Report.EpisodeRow> episodes,
                              Row received, Iterable<Row> groups, List<Report.Timeliness> lines, Iterable<Row> list,
                              Iterable<Row> noticeRows) {
    Map<Report.Dimension, List<Report.Breakdown>> by = new EnumMap<>(Report.Dimension.class);
    for (Report.Dimension d : Report.Dimension.values()) {
      by.put(d, new ArrayList<>());
    }
    Report.Breakdown all = null;
    for (Row r : groups) {
      Report.Breakdown b = new Report.Breakdown(r.getString("key"), r.getLong("questions"), r.getLong("askers"),
          r.getLong("on_air"), r.getLong("after"), r.getLong("published"));
      Report.Dimension d = Report.Dimension.of(r.getString("dim"));
      if (d == null) {
        all = b;
      } else {
        by.get(d).add(b);
      }
    }
    List<Report.Breakdown> typed = by.get(Report.Dimension.LOCALITY);
    by.put(Report.Dimension.LOCALITY, LocalityRows.byCommune(typed));
    by.put(Report.Dimension.PROVINCE, LocalityRows.byProvince(typed));
    Report.Totals totals = new Report.Totals(received.getLong("received"), received.getLong("merged"),
        received.getLong("rejected"), all.questions(), all.askers(), all.onAir(), all.after(), all.published(),
        received.getLong("complaints"), received.getLong("denunciations"));
    List<Report.Timeliness> agencies = new ArrayList<>();
    Report.Timeliness everyone = new Report.Timeliness(null, 0, 0, 0, 0, 0, 0, null, null);
    for (Report.Timeliness t : lines) {
      if (t.agency() == null) {
        everyone = t;
      } else {
        agencies.add(t);
      }
    }
    List<Report.QuestionRow> questions = new ArrayList<>();
    for (Row r : list) {
      boolean onAir = r.getBoolean("on_air");
      String outcome = onAir ? "on_air" : r.getOffsetDateTime("answered_at") != null ? "after" : "pending";
      questions.add(new Report.QuestionRow(r.getLong("seq"), r.getString("title"), r.getString("channel"),
          // a report leaves the desk (printed, sent to the council): the question without a number or address
          ContactRedaction.redact(r.getString("text")), ContactRedaction.publicName(r.getString("asker_name")),
          ContactRedaction.redact(r.getString("locality")),
          r.getString("field"), r.getString("agency"), outcome, r.getOffsetDateTime("due_at"),
          onAir ? null : r.getOffsetDateTime("answered_at"), onAir ? null : r.getOffsetDateTime("published_at")));
    }
    List<Report.Notices> notices = new ArrayList<>();
    noticeRows.forEach(r -> notices.add(new Report.Notices(r.getString("channel"), r.getLong("queued"),
        r.getLong("sent"), r.getLong("delivered"), r.getLong("failed"), r.getLong("limited"))));
    return new Report(scope, title, now, episodes, totals, by, agencies, everyone, questions, notices, null);
  }
}
