package vn.danhoi.conclusion;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import vn.danhoi.document.DocumentNumbers;
import vn.danhoi.document.DocumentType;
import vn.danhoi.document.Issuer;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.SqlParams;
import vn.danhoi.privacy.ContactRedaction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** All SQL of conclusion notices and their follow-up. Every change runs in one transaction with its event. */
public final class ConclusionStore {

  private static final String ITEM_COLUMNS = "id, position, text, owner_agency, due_at, status, progress, "
      + "closed_at, updated_at";

  private final Pool pool;

  public ConclusionStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * The wording a draft may quote: the editors' (edited_text), or the office's where it wrote the opinion down
   * at a dialogue or session; null for a citizen's text as it came.
   */
  private static final String WORDING = "CASE WHEN s.edited_text IS NOT NULL THEN s.edited_text "
      + "WHEN o.submission_id IS NOT NULL THEN s.text END";
  /** Complaints and denunciations follow the citizen-reception procedure, never a notice (ModerationCommand). */
  private static final String NOT_COMPLAINT = "s.reject_reason IS DISTINCT FROM 'complaint' "
      + "AND s.message_kind = 'question'";

  /** What the draft is written from; null without the episode. */
  public Future<ConclusionDraft.Source> source(UUID episodeId) {
    Tuple id = Tuple.of(episodeId);
    // the episode's chair line, else the chair among the plan's people, whose title comes with the same name
    Future<Row> episode = pool.preparedQuery("SELECT e.kind, e.title, e.topic, e.venue, e.starts_at, "
            + "coalesce(nullif(btrim(e.chair), ''), c.person_name) AS chair, CASE WHEN coalesce(btrim(e.chair), '') = '' "
            + "OR fold_case(btrim(e.chair)) = fold_case(c.person_name) THEN c.title END AS chair_title, "
            + "p.name AS program_name, p.parent_body, p.issuing_body, p.issuer_abbreviation "
            + "FROM episodes e LEFT JOIN programs p ON p.id = e.program_id "
            + "LEFT JOIN LATERAL (SELECT person_name, title FROM episode_people WHERE episode_id = e.id "
            + "AND role = 'chair' ORDER BY position LIMIT 1) c ON true WHERE e.id = $1")
        .execute(id).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    Future<List<ConclusionDraft.Question>> questions = pool.preparedQuery("SELECT " + WORDING + " AS text, "
            + "s.field, s.status, s.asker_count, o.stage, o.answered_by, o.answer FROM submissions s "
            + "LEFT JOIN opinions o ON o.submission_id = s.id WHERE s.episode_id = $1 "
            + "AND s.status NOT IN ('rejected', 'merged', 'unrouted', 'referred') AND " + NOT_COMPLAINT + " "
            + "ORDER BY s.field NULLS LAST, s.seq")
        .execute(id).map(rows -> {
          List<ConclusionDraft.Question> out = new ArrayList<>();
          // an issued notice quotes the question, never a number or an address typed into it
          rows.forEach(r -> out.add(new ConclusionDraft.Question(ContactRedaction.redact(r.getString("text")),
              r.getString("field"), r.getString("status"), r.getInteger("asker_count"), r.getString("stage"),
              r.getString("answered_by"), r.getString("answer"))));
          return out;
        });
    // the live assignments first (agency, deadline), then what is still unanswered and not assigned yet
    Future<List<ConclusionDraft.Task>> tasks = pool.preparedQuery("SELECT text, field, seq, agency, due_at, published "
            + "FROM (SELECT " + WORDING + " AS text, s.field, g.agency, g.due_at, EXISTS (SELECT 1 FROM answers a "
            + "WHERE a.assignment_id = g.id AND a.published_at IS NOT NULL) AS published, 0 AS rank, s.seq "
            + "FROM assignments g JOIN submissions s ON s.id = g.submission_id "
            + "LEFT JOIN opinions o ON o.submission_id = s.id "
            + "WHERE coalesce(g.episode_id, s.episode_id) = $1 AND g.status NOT IN ('sent_back', 'withdrawn') "
            + "AND " + NOT_COMPLAINT + " "
            + "UNION ALL SELECT " + WORDING + ", s.field, s.agency, NULL, false, 1, s.seq FROM submissions s "
            + "LEFT JOIN opinions o ON o.submission_id = s.id "
            + "WHERE s.episode_id = $1 AND s.status NOT IN ('answered', 'rejected', 'merged', 'unrouted', 'referred') "
            + "AND " + NOT_COMPLAINT + " AND NOT EXISTS (SELECT 1 FROM assignments g WHERE g.submission_id = s.id "
            + "AND g.status NOT IN ('sent_back', 'withdrawn'))) t ORDER BY rank, agency NULLS LAST, due_at, seq")
        .execute(id).map(rows -> {
          List<ConclusionDraft.Task> out = new ArrayList<>();
          rows.forEach(r -> out.add(new ConclusionDraft.Task(ContactRedaction.redact(r.getString("text")),
              r.getString("field"), r.getLong("seq"), r.getString("agency"), r.getOffsetDateTime("due_at"),
              r.getBoolean("published"))));
          return out;
        });
    Future<List<ConclusionDraft.Speaker>> speakers = pool.preparedQuery("SELECT delegate_name, subject, agency "
            + "FROM speakers WHERE episode_id = $1 ORDER BY position")
        .execute(id).map(rows -> {
          List<ConclusionDraft.Speaker> out = new ArrayList<>();
          rows.forEach(r -> out.add(new ConclusionDraft.Speaker(r.getString("delegate_name"), r.getString("subject"),
              r.getString("agency"))));
          return out;
        });
    // an agency's explanation is its first written report: when it came tells whether it was late
    Future<List<ConclusionDraft.CalledAgency>> agencies = pool.preparedQuery("SELECT a.agency, a.subjects, "
            + "a.report_due_at, (SELECT min(r.uploaded_at) FROM session_reports r WHERE r.session_agency_id = a.id) "
            + "AS filed_at FROM session_agencies a WHERE a.episode_id = $1 ORDER BY a.created_at, a.agency")
        .execute(id).map(rows -> {
          List<ConclusionDraft.CalledAgency> out = new ArrayList<>();
          rows.forEach(r -> out.add(new ConclusionDraft.CalledAgency(r.getString("agency"), r.getString("subjects"),
              r.getOffsetDateTime("report_due_at"), r.getOffsetDateTime("filed_at"))));
          return out;
        });
    return Future.all(List.of(episode, questions, tasks, speakers, agencies)).map(x -> {
      Row e = episode.result();
      return e == null ? null : new ConclusionDraft.Source(e.getString("kind"), e.getString("title"),
          e.getString("topic"), e.getString("venue"), e.getOffsetDateTime("starts_at"), e.getString("program_name"),
          e.getString("parent_body"), e.getString("issuing_body"), e.getString("issuer_abbreviation"),
          e.getString("chair"), e.getString("chair_title"), questions.result(), tasks.result(), speakers.result(),
          agencies.result());
    });
  }

  /**
   * Stores the draft with the issuer's next notice number of the year; 409 when one exists (its transaction,
   * rolled back, gives the number back).
   */
  public Future<Conclusion> create(UUID episodeId, ConclusionDraft.Draft d, Issuer issuer, int year,
                                   OffsetDateTime now, String actor, String address) {
    return pool.withTransaction(tx -> DocumentNumbers.next(tx, issuer, DocumentType.NOTICE, year)
            .compose(number -> SqlTemplate.forUpdate(tx, "INSERT INTO conclusions (episode_id, number, title, "
                    + "body, recipients, signer_authority, signer_name, signer_title, created_by, created_at, "
                    + "updated_at) SELECT id, #{number}, #{title}, #{body}, #{recipients}, #{signerAuthority}, "
                    + "#{signerName}, #{signerTitle}, #{actor}, #{now}, #{now} FROM episodes WHERE id = #{episodeId} "
                    + "ON CONFLICT (episode_id) DO NOTHING")
                .execute(SqlParams.of("episodeId", episodeId).and("number", number).and("title", d.title())
                    .and("body", d.body()).and("recipients", d.recipients().toArray(new String[0]))
                    .and("signerAuthority", d.signerAuthority()).and("signerName", d.signerName())
                    .and("signerTitle", d.signerTitle()).and("actor", actor).and("now", now)))
            .compose(rows -> {
              if (rows.rowCount() == 0) {
                throw ApiError.conflict("conclusion.exists",
                    "Chương trình này đã có dự thảo thông báo kết luận; hãy sửa dự thảo đó.");
              }
              List<Map<String, Object>> items = new ArrayList<>();
              int position = 1;
              for (ConclusionDraft.NewItem i : d.items()) {
                items.add(SqlParams.of("id", UUID.randomUUID()).and("episodeId", episodeId)
                    .and("position", position++).and("text", i.text()).and("ownerAgency", i.ownerAgency())
                    .and("dueAt", i.dueAt()).and("status", i.status())
                    .and("closedAt", "done".equals(i.status()) ? now : null).and("now", now));
              }
              return items.isEmpty() ? Future.succeededFuture() : SqlTemplate.forUpdate(tx, "INSERT INTO "
                  + "conclusion_items (id, episode_id, position, text, owner_agency, due_at, status, closed_at, "
                  + "updated_at) VALUES (#{id}, #{episodeId}, #{position}, #{text}, #{ownerAgency}, #{dueAt}, "
                  + "#{status}, #{closedAt}, #{now})").executeBatch(items);
            })
            .compose(x -> EventLog.append(tx, EventLog.Event.of(actor, "conclusion.drafted", "conclusion",
                episodeId.toString()).inEpisode(episodeId).after(new JsonObject().put("items", d.items().size()))
                .from(address)))
            .compose(x -> load(tx, episodeId)));
  }

  public Future<Conclusion> load(UUID episodeId) {
    return load(pool, episodeId);
  }

  private static Future<Conclusion> load(SqlClient client, UUID episodeId) {
    Future<Row> header = client.preparedQuery("SELECT c.*, e.title AS episode_title, e.topic, e.starts_at, e.chair, e.kind, "
            + "p.name AS program_name, p.issuing_body, p.parent_body, p.issuer_abbreviation, p.place FROM conclusions c JOIN episodes e ON e.id = c.episode_id "
            + "LEFT JOIN programs p ON p.id = e.program_id WHERE c.episode_id = $1")
        .execute(Tuple.of(episodeId)).map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    Future<List<Conclusion.Item>> items = client.preparedQuery("SELECT " + ITEM_COLUMNS + " FROM conclusion_items "
            + "WHERE episode_id = $1 ORDER BY position").execute(Tuple.of(episodeId)).map(ConclusionStore::items);
    return Future.all(header, items).map(x -> {
      Row r = header.result();
      if (r == null) {
        throw ApiError.notFound("conclusion.not_found",
            "Chương trình này chưa có thông báo kết luận; hãy lập dự thảo trước.");
      }
      return new Conclusion(new Conclusion.Header(r.getUUID("episode_id"), r.getInteger("number"),
          r.getString("status"), r.getString("title"), r.getString("body"),
          Arrays.asList(r.getArrayOfStrings("recipients")), r.getString("signer_authority"), r.getString("signer_name"),
          r.getString("signer_title"),
          r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"), r.getOffsetDateTime("issued_at"),
          r.getString("episode_title"), r.getString("topic"), r.getOffsetDateTime("starts_at"),
          r.getString("program_name"), r.getString("issuing_body"), r.getString("parent_body"),
          r.getString("issuer_abbreviation"), r.getString("place"), r.getString("chair"), r.getString("kind")),
          items.result());
    });
  }

  private static List<Conclusion.Item> items(RowSet<Row> rows) {
    List<Conclusion.Item> out = new ArrayList<>();
    rows.forEach(r -> out.add(item(r)));
    return out;
  }

  private static Conclusion.Item item(Row r) {
    return new Conclusion.Item(r.getUUID("id"), r.getInteger("position"), r.getString("text"),
        r.getString("owner_agency"), r.getOffsetDateTime("due_at"), r.getString("status"), r.getString("progress"),
        r.getOffsetDateTime("closed_at"), r.getOffsetDateTime("updated_at"));
  }

  /** A change of the notice itself; null fields stay as they are. */
  public record Edit(String title, String body, List<String> recipients, String signerAuthority, String signerName,
                     String signerTitle) {
  }

  public Future<Conclusion> edit(UUID episodeId, Edit e, OffsetDateTime now, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE conclusions SET title = coalesce($2, title), "
                + "body = coalesce($3, body), recipients = coalesce($4, recipients), "
                + "signer_name = coalesce($5, signer_name), signer_title = coalesce($6, signer_title), updated_at = $7, "
                + "signer_authority = coalesce($8, signer_authority) WHERE episode_id = $1")
            .execute(Tuple.tuple(Arrays.asList(episodeId, e.title(), e.body(),
                e.recipients() == null ? null : e.recipients().toArray(new String[0]), e.signerName(),
                e.signerTitle(), now, e.signerAuthority())))
            .compose(rows -> {
              if (rows.rowCount() == 0) {
                return load(tx, episodeId).mapEmpty();
              }
              JsonObject after = new JsonObject();
              after.put("title", e.title()).put("body", e.body() == null ? null : "(sửa)")
                  .put("recipients", e.recipients()).put("signerAuthority", e.signerAuthority())
                  .put("signerName", e.signerName())
                  .put("signerTitle", e.signerTitle());
              return EventLog.append(tx, EventLog.Event.of(actor, "conclusion.edited", "conclusion",
                  episodeId.toString()).inEpisode(episodeId).after(after).from(address));
            })
            .compose(x -> load(tx, episodeId)));
  }

  public Future<Conclusion> issue(UUID episodeId, OffsetDateTime now, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE conclusions SET status = 'issued', issued_at = $2, "
            + "updated_at = $2 WHERE episode_id = $1 AND status = 'draft'").execute(Tuple.of(episodeId, now))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : EventLog.append(tx, EventLog.Event.of(actor, "conclusion.issued", "conclusion", episodeId.toString())
                .inEpisode(episodeId).from(address)))
        .compose(x -> load(tx, episodeId)));
  }

  public Future<Conclusion> addItem(UUID episodeId, String text, String owner, OffsetDateTime dueAt,
                                    OffsetDateTime now, String actor, String address) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> load(tx, episodeId).compose(c -> tx.preparedQuery("INSERT INTO conclusion_items "
                + "(id, episode_id, position, text, owner_agency, due_at, updated_at) SELECT $1, $2, "
                + "coalesce(max(position), 0) + 1, $3, $4, $5, $6 FROM conclusion_items WHERE episode_id = $2")
            .execute(Tuple.tuple(Arrays.asList(id, episodeId, text, owner, dueAt, now))))
        .compose(x -> EventLog.append(tx, EventLog.Event.of(actor, "conclusion.item_added", "conclusion_item",
            id.toString()).inEpisode(episodeId).after(new JsonObject().put("text", text).put("ownerAgency", owner)
            .put("dueAt", dueAt == null ? null : dueAt.toString())).from(address)))
        .compose(x -> load(tx, episodeId)));
  }

  /** A change of one item; a field whose flag is false stays as it is, a flagged null clears it. */
  public record ItemEdit(String text, boolean setOwner, String ownerAgency, boolean setDue, OffsetDateTime dueAt,
                         String status, String progress) {
  }

  /** Edits or follows up an item: closing it (done, dropped) stamps closed_at, reopening clears it. */
  public Future<Conclusion.Item> editItem(UUID episodeId, UUID itemId, ItemEdit e, OffsetDateTime now, String actor,
                                          String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + ITEM_COLUMNS + " FROM conclusion_items "
            + "WHERE id = $1 AND episode_id = $2 FOR UPDATE").execute(Tuple.of(itemId, episodeId))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw ApiError.notFound("conclusion.item_not_found", "Không tìm thấy nội dung kết luận này.");
          }
          Conclusion.Item before = item(rows.iterator().next());
          return SqlTemplate.forQuery(tx, "UPDATE conclusion_items SET text = coalesce(#{text}, text), "
                  + "owner_agency = CASE WHEN #{setOwner} THEN #{ownerAgency} ELSE owner_agency END, "
                  + "due_at = CASE WHEN #{setDue} THEN #{dueAt} ELSE due_at END, "
                  + "status = coalesce(#{status}, status), progress = coalesce(#{progress}, progress), "
                  + "closed_at = CASE WHEN coalesce(#{status}, status) IN ('done', 'dropped') "
                  + "THEN coalesce(closed_at, #{now}) ELSE NULL END, updated_at = #{now} "
                  + "WHERE id = #{id} AND episode_id = #{episodeId} RETURNING " + ITEM_COLUMNS)
              .execute(SqlParams.of("id", itemId).and("episodeId", episodeId).and("text", e.text())
                  .and("setOwner", e.setOwner()).and("ownerAgency", e.ownerAgency()).and("setDue", e.setDue())
                  .and("dueAt", e.dueAt()).and("status", e.status()).and("progress", e.progress())
                  .and("now", now))
              .compose(updated -> {
                Conclusion.Item after = item(updated.iterator().next());
                String action = e.status() != null && !e.status().equals(before.status())
                    ? "conclusion.item_status" : "conclusion.item_edited";
                return EventLog.append(tx, EventLog.Event.of(actor, action, "conclusion_item", itemId.toString())
                    .inEpisode(episodeId).before(itemJson(before)).after(itemJson(after)).from(address)).map(after);
              });
        }));
  }

  private static JsonObject itemJson(Conclusion.Item i) {
    return new JsonObject().put("text", i.text()).put("ownerAgency", i.ownerAgency())
        .put("dueAt", i.dueAt() == null ? null : i.dueAt().toString()).put("status", i.status())
        .put("progress", i.progress());
  }

  public Future<Conclusion> removeItem(UUID episodeId, UUID itemId, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM conclusion_items WHERE id = $1 AND episode_id = $2 "
            + "RETURNING " + ITEM_COLUMNS).execute(Tuple.of(itemId, episodeId))
        .compose(rows -> {
          if (rows.size() == 0) {
            throw ApiError.notFound("conclusion.item_not_found", "Không tìm thấy nội dung kết luận này.");
          }
          return EventLog.append(tx, EventLog.Event.of(actor, "conclusion.item_removed", "conclusion_item",
              itemId.toString()).inEpisode(episodeId).before(itemJson(item(rows.iterator().next()))).from(address));
        })
        .compose(x -> tx.preparedQuery("UPDATE conclusion_items i SET position = n.rn FROM (SELECT id, "
            + "row_number() OVER (ORDER BY position) AS rn FROM conclusion_items WHERE episode_id = $1) n "
            + "WHERE i.id = n.id AND i.position <> n.rn").execute(Tuple.of(episodeId)))
        .compose(x -> load(tx, episodeId)));
  }

  /** Puts the items in the order given, which must name every item once. */
  public Future<Conclusion> order(UUID episodeId, List<UUID> ids, OffsetDateTime now, String actor, String address) {
    return pool.withTransaction(tx -> load(tx, episodeId).compose(c -> {
      List<UUID> current = c.items().stream().map(Conclusion.Item::id).sorted().toList();
      if (!current.equals(ids.stream().sorted().toList())) {
        throw ApiError.invalid("items", "mismatch", "Danh sách phải gồm đúng mọi nội dung kết luận, mỗi mục một lần.");
      }
      List<Tuple> moves = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        moves.add(Tuple.of(ids.get(i), i + 1, now));
      }
      return moves.isEmpty() ? Future.succeededFuture() : tx.preparedQuery("UPDATE conclusion_items "
          + "SET position = $2, updated_at = $3 WHERE id = $1").executeBatch(moves);
    }).compose(x -> EventLog.append(tx, EventLog.Event.of(actor, "conclusion.items_ordered", "conclusion",
            episodeId.toString()).inEpisode(episodeId)
        .after(new JsonObject().put("items", ids.stream().map(UUID::toString).toList())).from(address)))
        .compose(x -> load(tx, episodeId)));
  }

  /** An item with the notice it belongs to, for the standing committee's follow-up list. */
  public record Followed(UUID episodeId, String episodeTitle, int number, Issuer issuer, Conclusion.Item item) {
    /** The notice's "01/TB-HĐND". */
    public String symbol() {
      return OfficialDocument.symbol(number, DocumentType.NOTICE, issuer);
    }
  }

  /** Items of every notice; {@code status} one of the four, "overdue", or null for all. */
  public Future<List<Followed>> followup(String status, OffsetDateTime now) {
    return pool.preparedQuery("SELECT i.id, i.position, i.text, i.owner_agency, i.due_at, i.status, i.progress, "
            + "i.closed_at, i.updated_at, c.episode_id, c.number, e.title AS episode_title, e.kind, p.issuing_body, "
            + "p.parent_body, p.issuer_abbreviation "
            + "FROM conclusion_items i JOIN conclusions c ON c.episode_id = i.episode_id "
            + "JOIN episodes e ON e.id = c.episode_id LEFT JOIN programs p ON p.id = e.program_id "
            + "WHERE ($1::text IS NULL OR i.status = $1 OR ($1 = 'overdue' AND i.status IN ('open', 'in_progress') "
            + "AND i.due_at < $2)) ORDER BY i.due_at NULLS LAST, e.starts_at, i.position LIMIT 10000")
        .execute(Tuple.tuple(Arrays.asList(status, now)))
        .map(rows -> {
          List<Followed> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Followed(r.getUUID("episode_id"), r.getString("episode_title"),
              r.getInteger("number"), Conclusion.issuer(r.getString("kind"), r.getString("parent_body"),
              r.getString("issuing_body"),
              r.getString("issuer_abbreviation")), item(r))));
          return out;
        });
  }

  /** An export is an act on the notice too (who took a copy, in which format). */
  public Future<Void> exported(UUID episodeId, String format, String actor, String address) {
    return EventLog.append(pool, EventLog.Event.of(actor, "conclusion.exported", "conclusion", episodeId.toString())
        .inEpisode(episodeId).after(new JsonObject().put("format", format)).from(address));
  }
}
