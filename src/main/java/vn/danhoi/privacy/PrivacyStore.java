package vn.danhoi.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.auth.Role;
import vn.danhoi.auth.Staff;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.Times;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/**
 * Erasure of askers' personal data (Law 91/2025/QH15: on request, and when the purpose has ended). The
 * question stays, anonymised: name, phone, e-mail, address, call-back number, notes and the sender's
 * network address are removed, what the person typed is scrubbed of them, and the search copy is rebuilt
 * from the question alone.
 */
public final class PrivacyStore {

  /** The shapes of the one contact rule, as a PostgreSQL array literal (they hold no quote). */
  private static final String PATTERNS = "ARRAY['" + ContactRedaction.ID_CARD + "', '" + ContactRedaction.PHONE
      + "', '" + ContactRedaction.EMAIL + "', '" + ContactRedaction.DIGIT_RUN + "']";

  /** Free text of the person's rows with their identifiers and anything shaped like a contact scrubbed out. */
  private static String scrub(String column) {
    return "scrub_person(" + column + ", t.known, " + PATTERNS + ")";
  }

  /**
   * Erases the personal data of the submissions the condition selects, and of everything that copied it.
   * <ul>
   *   <li>the submission: name, phone, e-mail, address, call-back number, platform user id (Zalo's), notes, verification note, the
   *   sender's network address are removed; the question, the editors' wording, an e-mail's subject and the
   *   locality stay, scrubbed of the person's identifiers; an e-mail's Message-ID (it may hold the sender's
   *   address) becomes a digest that still tells a redelivery apart; the search copy is rebuilt from what
   *   stays, folded like VietnameseText.fold, so "nuoc sach" still finds an anonymised "nước sạch";</li>
   *   <li>the text as the person sent it (an SMS with its keyword, an e-mail's whole body) goes: the scrubbed
   *   question stays;</li>
   *   <li>the files the person sent (a scanned letter, an e-mail's files, kept or only listed) go, rows and
   *   stored copies; the file an agency attached to its answer, which is addressed to the person, loses its
   *   name and stored copy. Files are deleted once the transaction has committed (a crash between leaves an
   *   orphan file no row names);</li>
   *   <li>the notice telling the asker their answer was published is blanked; other notices (to agencies),
   *   the assignment's instruction and send-back reason, the agency's answer and the editors' review
   *   comment, the run-down entry and an opinion's answer in the room are scrubbed.</li>
   * </ul>
   * The append-only event log never holds these (see docs/SECURITY.md), so it needs no erasure.
   */
  private static String erase(String condition, boolean onePerson) {
    // what identifies the person: their name and address as given, the house and street (the address's first
    // part: the rest is the area, which the locality keeps anyway), their numbers and e-mail; when the rows
    // are one person's (an erasure on request), what one row names is scrubbed from all of them
    return "WITH m AS (SELECT id, ARRAY[asker_name, address, split_part(address, ',', 1), phone, email, "
        + "callback_phone] AS known FROM submissions WHERE personal_erased_at IS NULL AND (" + condition + ") "
        + "FOR UPDATE), t AS (SELECT id, "
        + (onePerson ? "(SELECT array_agg(DISTINCT k) FROM m all_rows, unnest(all_rows.known) k)" : "known")
        + " AS known FROM m), "
        + "erased AS (UPDATE submissions s SET asker_name = NULL, phone = NULL, email = NULL, address = NULL, "
        + "callback_phone = NULL, platform_user = NULL, notes = NULL, verified_note = NULL, client_address = NULL, sms_to = NULL, "
        + "request_hash = NULL, original_text = NULL, text = " + scrub("s.text") + ", edited_text = " + scrub("s.edited_text") + ", "
        + "subject = " + scrub("s.subject") + ", locality = " + scrub("s.locality") + ", "
        + "external_id = CASE WHEN s.channel = 'email' THEN 'erased:' || md5(s.external_id) ELSE s.external_id END, "
        + "search_text = fold_case(regexp_replace(btrim(unaccent(" + scrub("coalesce(s.edited_text, s.text)")
        + " || ' ' || coalesce(" + scrub("s.locality") + ", ''))), '\\s+', ' ', 'g')), personal_erased_at = now() "
        + "FROM t WHERE s.id = t.id RETURNING s.id), "
        + "files AS (DELETE FROM submission_attachments a USING t WHERE a.submission_id = t.id "
        + "RETURNING a.stored_name), "
        + "answer_files AS (UPDATE answer_attachments x SET file_name = '(đã xoá)', stored_name = NULL, sha256 = NULL "
        + "FROM answer_attachments old, answers n, t WHERE x.id = old.id AND x.answer_id = n.id "
        + "AND n.submission_id = t.id RETURNING old.stored_name), "
        + "notices AS (UPDATE notifications n SET recipient = '(đã xoá)', subject = '(đã xoá)', body = '(đã xoá)', "
        // one still waiting in the queue is never sent
        + "status = CASE WHEN n.status = 'queued' THEN 'cancelled' ELSE n.status END "
        // the citizen's own notices (the receipt, the reply to a lookup, an answer published, the reply to a
        // complaint) hold their phone or e-mail, and some their name and address
        + "FROM t WHERE n.submission_id = t.id AND n.kind IN ('answer.published', 'complaint.reply', "
        + "'submission.receipt', 'track.reply')), "
        + "assigned AS (UPDATE assignments a SET instruction = " + scrub("a.instruction") + ", "
        + "sent_back_reason = " + scrub("a.sent_back_reason") + " FROM t WHERE a.submission_id = t.id), "
        + "told AS (UPDATE notifications n SET subject = " + scrub("n.subject") + ", body = " + scrub("n.body")
        + " FROM assignments a, t WHERE n.assignment_id = a.id AND a.submission_id = t.id "
        + "AND n.kind <> 'answer.published'), "
        + "answered AS (UPDATE answers n SET text = " + scrub("n.text") + ", review_comment = "
        + scrub("n.review_comment") + " FROM t WHERE n.submission_id = t.id), "
        + "rundown AS (UPDATE rundown_entries r SET text = " + scrub("r.text")
        + " FROM t WHERE r.submission_id = t.id), "
        + "room AS (UPDATE opinions o SET answer = " + scrub("o.answer") + " FROM t WHERE o.submission_id = t.id) "
        + "SELECT (SELECT count(*) FROM erased) AS erased, "
        + "(SELECT coalesce(array_agg(stored_name), '{}') FROM (SELECT stored_name FROM files UNION ALL "
        + "SELECT stored_name FROM answer_files) f WHERE stored_name IS NOT NULL) AS stored";
  }

  /** Deletes stored files by name, off the event loop. */
  public interface FileEraser {
    FileEraser NONE = names -> Future.succeededFuture();

    Future<Void> erase(List<String> storedNames);
  }

  private record Erased(int count, List<String> storedNames) {
  }

  private final Pool pool;
  private final FileEraser files;

  public PrivacyStore(Pool pool) {
    this(pool, FileEraser.NONE);
  }

  public PrivacyStore(Pool pool, FileEraser files) {
    this.pool = pool;
    this.files = files;
  }

  private static Erased erased(RowSet<Row> rows) {
    Row r = rows.iterator().next();
    return new Erased(r.getLong("erased").intValue(), Arrays.asList(r.getArrayOfStrings("stored")));
  }

  private Future<Integer> deleteFiles(Erased e) {
    return e.storedNames().isEmpty() ? Future.succeededFuture(e.count())
        : files.erase(e.storedNames()).map(e.count());
  }

  /**
   * Erases one person's data, found by phone (any of their numbers, written 0…, +84… or 84…: an SMS gateway
   * sends the international form, the web form and the hotline the national one) or e-mail. Logs who and how
   * many.
   */
  public Future<Integer> eraseFor(String phone, String email, String identifierHash, String actor, String address) {
    return pool.withTransaction(tx -> tx.preparedQuery(erase("($1::text[] IS NOT NULL AND (phone = ANY($1) "
                + "OR callback_phone = ANY($1))) OR ($2::text IS NOT NULL AND fold_case(email) = fold_case($2))", true))
            .execute(Tuple.of(phone == null ? null : phoneForms(phone), email))
            .map(PrivacyStore::erased)
            .compose(e -> EventLog.append(tx, EventLog.Event.of(actor, "privacy.erased", "person", identifierHash)
                    .after(new JsonObject().put("submissions", e.count()).put("files", e.storedNames().size()))
                    .from(address))
                .map(e)))
        .compose(this::deleteFiles);
  }

  /** A Vietnamese number (already validated) in its national form: +84… and 84… become 0…. */
  public static String nationalPhone(String phone) {
    if (phone.startsWith("+84")) {
      return "0" + phone.substring(3);
    }
    if (phone.startsWith("84") && phone.length() >= 10) {
      return "0" + phone.substring(2);
    }
    return phone;
  }

  /** The ways one number is stored: 0…, +84…, 84…. */
  static String[] phoneForms(String phone) {
    String national = nationalPhone(phone);
    if (!national.startsWith("0")) {
      return new String[] {phone};
    }
    String rest = national.substring(1);
    return new String[] {national, "+84" + rest, "84" + rest};
  }

  /** The episodes that ended, and stopped taking questions, more than $1 days ago. */
  private static final String PAST_RETENTION = "SELECT id FROM episodes "
      + "WHERE starts_at + make_interval(mins => duration_minutes) + make_interval(days => $1) < now() "
      + "AND intake_closes_at + make_interval(days => $1) < now()";

  /**
   * Erases the personal data of every submission whose episode ended more than {@code days} days ago, and
   * deletes those episodes' live chat comments: a comment nobody took into the queue is chatter kept for the
   * show, with its author's name and platform id; one that was taken lives on as its anonymised submission.
   */
  public Future<Integer> retention(int days, String actor) {
    return pool.withTransaction(tx -> tx.preparedQuery(erase("episode_id IN (" + PAST_RETENTION + ")", false))
            .execute(Tuple.of(days))
            .map(PrivacyStore::erased)
            .compose(e -> tx.preparedQuery("DELETE FROM live_comments WHERE episode_id IN (" + PAST_RETENTION + ")")
                .execute(Tuple.of(days))
                .compose(comments -> e.count() == 0 && comments.rowCount() == 0 ? Future.succeededFuture(e)
                    : EventLog.append(tx, EventLog.Event.of(actor, "privacy.retention", "submissions", "retention")
                            .after(new JsonObject().put("submissions", e.count()).put("days", days)
                                .put("files", e.storedNames().size()).put("liveComments", comments.rowCount())))
                        .map(e))))
        .compose(this::deleteFiles);
  }

  public Future<JsonArray> grants(ZoneId zone) {
    return pool.query("SELECT agency, granted_by, granted_at FROM agency_contact_grants ORDER BY agency").execute()
        .map(rows -> {
          JsonArray out = new JsonArray();
          rows.forEach(r -> out.add(new JsonObject().put("agency", r.getString("agency"))
              .put("grantedBy", r.getString("granted_by"))
              .put("grantedAt", Times.format(r.getOffsetDateTime("granted_at"), zone))));
          return out;
        });
  }

  /**
   * The one rule for whether an agency officer sees askers' contact data in full: the council office
   * (admin) always does, an agency only while the council office's grant to it stands. Everyone else reading
   * through the agency routes gets masks ({@link ContactRedaction}).
   */
  public Future<Boolean> agencySeesContacts(Staff officer) {
    if (officer.roles().contains(Role.ADMIN)) {
      return Future.succeededFuture(true);
    }
    return officer.agency() == null ? Future.succeededFuture(false) : granted(officer.agency());
  }

  public Future<Boolean> granted(String agency) {
    return pool.preparedQuery("SELECT 1 FROM agency_contact_grants WHERE agency = $1").execute(Tuple.of(agency))
        .map(rows -> rows.size() > 0);
  }

  public Future<Void> grant(String agency, String actor, String address) {
    return pool.preparedQuery("WITH g AS (INSERT INTO agency_contact_grants (agency, granted_by) VALUES ($1, $2) "
            + "ON CONFLICT DO NOTHING RETURNING agency) " + EventLog.INSERT
            + "SELECT $2, 'privacy.contact_granted', 'agency', agency, NULL, NULL, NULL, $3 FROM g")
        .execute(Tuple.of(agency, actor, address)).mapEmpty();
  }

  public Future<Boolean> revoke(String agency, String actor, String address) {
    return pool.preparedQuery("WITH g AS (DELETE FROM agency_contact_grants WHERE agency = $1 RETURNING agency) "
            + EventLog.INSERT + "SELECT $2, 'privacy.contact_revoked', 'agency', agency, NULL, NULL, NULL, $3 FROM g "
            + "RETURNING id")
        .execute(Tuple.of(agency, actor, address)).map(rows -> rows.size() > 0);
  }
}
