package vn.danhoi.rundown;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import vn.danhoi.document.DocumentNumbers;
import vn.danhoi.document.DocumentType;
import vn.danhoi.document.Issuer;
import vn.danhoi.document.Signature;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.EventLog;
import vn.danhoi.privacy.ContactRedaction;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * All SQL of the run-down. Every change runs in one transaction with its event, and puts the run-down back
 * to "draft": what the responders were sent is no longer what it says.
 */
public final class RundownStore {

  private final Pool pool;

  public RundownStore(Pool pool) {
    this.pool = pool;
  }

  /** The episode's run-down as it is now (empty, "draft", before the first build); null without the episode. */
  public Future<Rundown> load(UUID episodeId) {
    return load(pool, episodeId);
  }

  private Future<Rundown> load(SqlClient client, UUID episodeId) {
    Future<Rundown.Header> header = client.preparedQuery("SELECT e.id, e.title, e.topic, e.starts_at, "
            + "e.duration_minutes, e.venue, e.chair, p.name AS program_name, p.issuing_body, p.parent_body, "
            + "p.issuer_abbreviation, p.place, r.number, r.status, r.sent_at, r.signer_authority, r.signer_title, "
            + "r.signer_name, r.purpose, r.recording_at, r.broadcast_at, r.segments, r.duties FROM episodes e "
            + "LEFT JOIN programs p ON p.id = e.program_id "
            + "LEFT JOIN rundowns r ON r.episode_id = e.id WHERE e.id = $1")
        .execute(Tuple.of(episodeId))
        .map(rows -> rows.size() == 0 ? null : header(rows.iterator().next()));
    Future<List<Rundown.Entry>> entries = client.preparedQuery("SELECT re.id, re.position, re.submission_id, re.text, "
            + "re.askers, re.responder_id, re.minutes, s.asker_name, nullif(btrim(s.locality), '') AS locality "
            + "FROM rundown_entries re LEFT JOIN submissions s ON s.id = re.submission_id WHERE re.episode_id = $1 "
            + "ORDER BY re.position")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          List<Rundown.Entry> out = new ArrayList<>();
          rows.forEach(r -> out.add(entry(r)));
          return out;
        });
    Future<List<Rundown.Responder>> responders = client.preparedQuery("SELECT p.id, p.person_name, p.title, "
            + "p.email, a.name AS agency FROM episode_people p LEFT JOIN agencies a ON a.id = p.agency_id "
            + "WHERE p.episode_id = $1 AND p.role = 'responder' ORDER BY p.position, p.person_name")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          List<Rundown.Responder> out = new ArrayList<>();
          rows.forEach(r -> out.add(new Rundown.Responder(r.getUUID("id"), r.getString("person_name"),
              r.getString("title"), r.getString("email"), r.getString("agency"))));
          return out;
        });
    return Future.all(header, entries, responders).map(x -> header.result() == null ? null
        : new Rundown(header.result(), entries.result(), responders.result()));
  }

  /**
   * An entry as every output of the run-down carries it (the editors' JSON, the DOCX and PDF, the responders'
   * e-mail and its attachment), under the studio's contact rule: the script is read out in the studio and leaves
   * the desk by e-mail, and editors see the contacts on the moderation desk anyway. Redacted when read, not
   * when built, so a number an editor types into an entry is caught too; the row keeps what was typed, and
   * erasure scrubs it there.
   */
  private static Rundown.Entry entry(Row r) {
    return new Rundown.Entry(r.getUUID("id"), r.getInteger("position"), r.getUUID("submission_id"),
        ContactRedaction.redact(r.getString("text")), r.getInteger("askers"), r.getUUID("responder_id"),
        r.getInteger("minutes"), ContactRedaction.publicName(r.getString("asker_name")),
        ContactRedaction.redact(r.getString("locality")));
  }

  private static Rundown.Header header(Row r) {
    return new Rundown.Header(r.getUUID("id"), r.getString("title"), r.getString("topic"),
        r.getOffsetDateTime("starts_at"), r.getInteger("duration_minutes"), r.getString("venue"),
        r.getString("chair"), r.getString("program_name"), r.getString("issuing_body"), r.getString("parent_body"),
        r.getString("issuer_abbreviation"), r.getString("place"), r.getInteger("number"), r.getString("status"),
        r.getOffsetDateTime("sent_at"), r.getString("signer_authority"), r.getString("signer_title"),
        r.getString("signer_name"), r.getString("purpose"), r.getOffsetDateTime("recording_at"),
        r.getOffsetDateTime("broadcast_at"), segments(r.getJsonArray("segments")), r.getArrayOfStrings("duties") == null
            ? List.of() : List.of(r.getArrayOfStrings("duties")));
  }

  private static List<Rundown.Segment> segments(JsonArray raw) {
    List<Rundown.Segment> out = new ArrayList<>();
    if (raw != null) {
      for (int i = 0; i < raw.size(); i++) {
        JsonObject s = raw.getJsonObject(i);
        out.add(new Rundown.Segment(s.getString("title"), s.getInteger("minutes", 0)));
      }
    }
    return out;
  }

  /** What a build changed, for its event. */
  public record Built(int added, int removed, int refreshed) {
  }

  /**
   * Creates the run-down if needed and brings it in line with the shortlist: shortlisted and next-up
   * questions not in it yet are appended in the editors' order; questions since merged into another or
   * rejected leave it; asker counts follow merges. The responder is preset when the editors' responder or
   * agency names a member of the panel.
   */
  public Future<Rundown> build(UUID episodeId, int defaultMinutes, Numbering numbering, String actor,
                               String address) {
    return pool.withTransaction(tx -> ensure(tx, episodeId, numbering, actor).compose(v -> {
      Future<Integer> removed = tx.preparedQuery("DELETE FROM rundown_entries re USING submissions s "
              + "WHERE re.episode_id = $1 AND s.id = re.submission_id AND s.status IN ('merged', 'rejected')")
          .execute(Tuple.of(episodeId)).map(rows -> rows.rowCount());
      return removed.compose(gone -> renumber(tx, episodeId).compose(x -> tx.preparedQuery(
                  "UPDATE rundown_entries re SET askers = s.asker_count FROM submissions s "
                      + "WHERE re.episode_id = $1 AND s.id = re.submission_id AND re.askers <> s.asker_count")
              .execute(Tuple.of(episodeId)).map(rows -> rows.rowCount()))
          .compose(refreshed -> tx.preparedQuery("INSERT INTO rundown_entries (id, episode_id, position, "
                  + "submission_id, text, askers, responder_id, minutes) "
                  + "SELECT gen_random_uuid(), $1, (SELECT coalesce(max(position), 0) FROM rundown_entries "
                  + "WHERE episode_id = $1) + row_number() OVER (ORDER BY s.position NULLS LAST, s.seq), s.id, "
                  + "coalesce(s.edited_text, s.text), s.asker_count, "
                  + "(SELECT p.id FROM episode_people p LEFT JOIN agencies a ON a.id = p.agency_id "
                  + "WHERE p.episode_id = $1 AND p.role = 'responder' AND (fold_case(p.person_name) = fold_case(s.responder) "
                  + "OR fold_case(a.name) = fold_case(coalesce(s.responder, s.agency))) "
                  + "ORDER BY fold_case(p.person_name) = fold_case(s.responder) DESC NULLS LAST, p.position LIMIT 1), $2 "
                  + "FROM submissions s WHERE s.episode_id = $1 AND s.status IN ('shortlisted', 'next') "
                  + "AND NOT EXISTS (SELECT 1 FROM rundown_entries re WHERE re.episode_id = $1 "
                  + "AND re.submission_id = s.id)")
              .execute(Tuple.of(episodeId, defaultMinutes))
              .map(rows -> new Built(rows.rowCount(), gone, refreshed))))
          .compose(built -> changed(tx, episodeId, actor, address, "rundown.built", new JsonObject()
              .put("added", built.added()).put("removed", built.removed()).put("refreshed", built.refreshed())));
    }).compose(v -> load(tx, episodeId)));
  }

  /** Rewrites the order; the ids must be exactly the run-down's entries. False when they are not. */
  public Future<Boolean> order(UUID episodeId, List<UUID> ids, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT count(*) AS n, "
            + "count(*) FILTER (WHERE id = ANY($2)) AS named FROM rundown_entries WHERE episode_id = $1")
        .execute(Tuple.of(episodeId).addArrayOfUUID(ids.toArray(UUID[]::new)))
        .compose(rows -> {
          Row r = rows.iterator().next();
          if (r.getLong("n") != ids.size() || r.getLong("named") != ids.size()) {
            return Future.succeededFuture(false);
          }
          return tx.preparedQuery("UPDATE rundown_entries re SET position = o.ord FROM unnest($2::uuid[]) "
                  + "WITH ORDINALITY AS o(id, ord) WHERE re.id = o.id AND re.episode_id = $1")
              .execute(Tuple.of(episodeId).addArrayOfUUID(ids.toArray(UUID[]::new)))
              .compose(x -> changed(tx, episodeId, actor, address, "rundown.ordered", new JsonObject()
                  .put("entries", ids.stream().map(UUID::toString).toList())))
              .map(true);
        }));
  }

  /** A change to one entry; null fields are left as they are, clearResponder unsets the responder. */
  public record Edit(String text, UUID responderId, boolean clearResponder, Integer minutes) {
  }

  /** False when the entry is not in this episode's run-down. */
  public Future<Boolean> edit(UUID episodeId, UUID entryId, Edit edit, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE rundown_entries SET text = coalesce($3, text), "
            + "responder_id = CASE WHEN $4 THEN NULL ELSE coalesce($5, responder_id) END, "
            + "minutes = coalesce($6, minutes) WHERE episode_id = $1 AND id = $2 "
            + "RETURNING position, text, responder_id, minutes")
        .execute(Tuple.tuple(Arrays.asList(episodeId, entryId, edit.text(), edit.clearResponder(),
            edit.responderId(), edit.minutes())))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Row r = rows.iterator().next();
          UUID responder = r.getUUID("responder_id");
          return changed(tx, episodeId, actor, address, "rundown.entry_edited", new JsonObject()
              .put("entry", entryId.toString()).put("position", r.getInteger("position"))
              // the entry's wording is the asker's question: the row holds it (erasure scrubs it), not the log
              .put("textLength", r.getString("text").length()).put("minutes", r.getInteger("minutes"))
              .put("responderId", responder == null ? null : responder.toString())).map(true);
        }));
  }

  /** False when the entry is not in this episode's run-down. */
  public Future<Boolean> remove(UUID episodeId, UUID entryId, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM rundown_entries WHERE episode_id = $1 "
            + "AND id = $2 RETURNING position, text, submission_id")
        .execute(Tuple.of(episodeId, entryId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(false);
          }
          Row r = rows.iterator().next();
          UUID submission = r.getUUID("submission_id");
          return renumber(tx, episodeId).compose(v -> changed(tx, episodeId, actor, address,
              "rundown.entry_removed", new JsonObject().put("entry", entryId.toString())
                  .put("position", r.getInteger("position"))
                  .put("submissionId", submission == null ? null : submission.toString()))).map(true);
        }));
  }

  /** Is the responder on this episode's panel? */
  public Future<Boolean> isResponder(UUID episodeId, UUID personId) {
    return pool.preparedQuery("SELECT 1 FROM episode_people WHERE id = $1 AND episode_id = $2 AND role = 'responder'")
        .execute(Tuple.of(personId, episodeId))
        .map(rows -> rows.size() > 0);
  }

  public Future<Void> exported(UUID episodeId, String actor, String address) {
    return EventLog.append(pool, EventLog.Event.of(actor, "rundown.exported", "rundown", episodeId.toString())
        .inEpisode(episodeId).after(new JsonObject()).from(address));
  }

  /** One e-mail sent to one responder: the sending's row and its event, together. */
  public Future<Void> sent(UUID episodeId, Rundown.Responder to, String subject, int entries, String messageId,
                           String actor, String address) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO rundown_sendings (id, episode_id, responder_id, "
            + "recipient, subject, entries, message_id, sent_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.of(id, episodeId, to.id(), to.email(), subject, entries, messageId, actor))
        .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "rundown.mailed", "rundown", episodeId.toString())
            .inEpisode(episodeId).after(new JsonObject().put("sending", id.toString()).put("responder", to.name())
            .put("recipient", to.email()).put("subject", subject).put("entries", entries)).from(address))));
  }

  /** Every responder has been sent their part. */
  public Future<Void> markSent(UUID episodeId, int mails, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE rundowns SET status = 'sent', sent_at = now(), "
            + "updated_at = now() WHERE episode_id = $1")
        .execute(Tuple.of(episodeId))
        .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "rundown.sent", "rundown", episodeId.toString())
            .inEpisode(episodeId).after(new JsonObject().put("mails", mails)).from(address))));
  }

  /** Whose sequence a run-down stored for the first time takes its number from, and the year. */
  public record Numbering(Issuer issuer, int year) {
  }

  /**
   * The run-down's row, locked; a new one takes the issuer's next run-down number of the year, only once the
   * row is really new, so a run-down created twice at once never spends two numbers.
   */
  private Future<Void> ensure(SqlConnection tx, UUID episodeId, Numbering numbering, String actor) {
    return tx.preparedQuery("INSERT INTO rundowns (episode_id, number, created_by) SELECT id, 0, $2 FROM episodes "
            + "WHERE id = $1 ON CONFLICT (episode_id) DO NOTHING")
        .execute(Tuple.of(episodeId, actor))
        .compose(created -> created.rowCount() == 0 ? Future.succeededFuture()
            : DocumentNumbers.next(tx, numbering.issuer(), DocumentType.RUNDOWN, numbering.year())
                .compose(number -> tx.preparedQuery("UPDATE rundowns SET number = $2 WHERE episode_id = $1")
                    .execute(Tuple.of(episodeId, number))))
        .compose(v -> tx.preparedQuery("SELECT 1 FROM rundowns WHERE episode_id = $1 FOR UPDATE")
            .execute(Tuple.of(episodeId)))
        .mapEmpty();
  }

  /**
   * The script's own parts, as the editors set them; null fields are left as they are, and an empty time goes
   * back to the episode's start ({@code clearRecording}, {@code clearBroadcast}).
   */
  public record Details(String purpose, OffsetDateTime recordingAt, boolean clearRecording,
                        OffsetDateTime broadcastAt, boolean clearBroadcast, List<Rundown.Segment> segments,
                        List<String> duties) {
    boolean none() {
      return purpose == null && recordingAt == null && !clearRecording && broadcastAt == null && !clearBroadcast
          && segments == null && duties == null;
    }
  }

  /** Who signs and the script's parts: null fields are left as they are. */
  public Future<Void> sign(UUID episodeId, Signature s, Details d, Numbering numbering, String actor,
                           String address) {
    JsonArray segments = d.segments() == null ? null : new JsonArray(d.segments().stream()
        .map(x -> new JsonObject().put("title", x.title()).put("minutes", x.minutes())).toList());
    return pool.withTransaction(tx -> ensure(tx, episodeId, numbering, actor)
        .compose(v -> tx.preparedQuery("UPDATE rundowns SET signer_authority = coalesce($2, signer_authority), "
                + "signer_title = coalesce($3, signer_title), signer_name = coalesce($4, signer_name), "
                + "purpose = coalesce($5, purpose), "
                + "recording_at = CASE WHEN $6 THEN NULL ELSE coalesce($7, recording_at) END, "
                + "broadcast_at = CASE WHEN $8 THEN NULL ELSE coalesce($9, broadcast_at) END, "
                + "segments = coalesce($10, segments), duties = coalesce($11, duties) WHERE episode_id = $1 "
                + "RETURNING recording_at, broadcast_at")
            .execute(Tuple.tuple(Arrays.asList(episodeId, s.authority(), s.title(), s.name(), d.purpose(),
                d.clearRecording(), d.recordingAt(), d.clearBroadcast(), d.broadcastAt(), segments,
                d.duties() == null ? null : d.duties().toArray(String[]::new)))))
        .compose(v -> changed(tx, episodeId, actor, address, d.none() ? "rundown.signer_set" : "rundown.details_set",
            new JsonObject().put("signerAuthority", s.authority()).put("signerTitle", s.title())
                .put("signerName", s.name()).put("purposeSet", d.purpose() != null)
                .put("recordingAt", d.recordingAt() == null ? null : d.recordingAt().toString())
                .put("broadcastAt", d.broadcastAt() == null ? null : d.broadcastAt().toString())
                .put("segments", segments).put("duties", d.duties() == null ? null : new JsonArray(d.duties())))))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23514".equals(pg.getSqlState())
            ? ApiError.invalid("broadcastAt", "before_recording",
                "Giờ phát sóng không được trước giờ ghi hình.") : e));
  }

  private Future<Void> renumber(SqlConnection tx, UUID episodeId) {
    return tx.preparedQuery("UPDATE rundown_entries re SET position = o.n FROM (SELECT id, row_number() "
            + "OVER (ORDER BY position) AS n FROM rundown_entries WHERE episode_id = $1) o "
            + "WHERE re.id = o.id AND re.position <> o.n")
        .execute(Tuple.of(episodeId))
        .mapEmpty();
  }

  private Future<Void> changed(SqlConnection tx, UUID episodeId, String actor, String address, String action,
                               JsonObject after) {
    return tx.preparedQuery("UPDATE rundowns SET status = 'draft', updated_at = now() WHERE episode_id = $1")
        .execute(Tuple.of(episodeId))
        .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, action, "rundown", episodeId.toString())
            .inEpisode(episodeId).after(after).from(address)));
  }
}
