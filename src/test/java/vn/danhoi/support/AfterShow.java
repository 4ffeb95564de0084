package vn.danhoi.support;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * After-the-show rows written straight into PostgreSQL, as the assignment and review features would leave
 * them: programs, past episodes, questions, assignments to agencies and their answers.
 */
public final class AfterShow {

  private final Sql sql;

  public AfterShow(Sql sql) {
    this.sql = sql;
  }

  public UUID program(String name, String issuingBody, String place) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO programs (id, name, issuing_body, place) VALUES (?, ?, ?, ?)", id, name, issuingBody, place);
    return id;
  }

  /** An episode of 60 minutes starting at {@code startsAt}, chaired by {@code chair}. */
  public UUID episode(UUID program, String title, String topic, OffsetDateTime startsAt, String chair) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO episodes (id, program_id, title, topic, starts_at, duration_minutes, intake_opens_at, "
        + "intake_closes_at, chair) VALUES (?, ?, ?, ?, ?, 60, ?, ?, ?)", id, program, title, topic, startsAt,
        startsAt.minusDays(15), startsAt.plusMinutes(60), chair);
    return id;
  }

  /** A web question with every contact field filled, in {@code status}, with consent as given. */
  public UUID question(UUID episode, String asker, String phone, String email, String text, String field,
                       String status, boolean consent) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO submissions (id, episode_id, channel, asker_name, locality, phone, email, address, text, "
            + "consent, consent_basis, status, field) VALUES (?, ?, 'web', ?, 'Xã Vị Thanh, huyện Vị Thủy', ?, ?, "
            + "'Số 12 đường Trần Hưng Đạo, ấp 3', ?, ?, 'consent-v1', ?, ?)", id, episode, asker, phone, email, text,
        consent, status, field);
    return id;
  }

  public UUID assign(UUID submission, UUID episode, String agency, OffsetDateTime due, String status) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO assignments (id, submission_id, episode_id, agency, due_at, escalate_at, status, "
        + "assigned_by) VALUES (?, ?, ?, ?, ?, ?, ?, 'kiem-thu')", id, submission, episode, agency, due,
        due.plusDays(7), status);
    return id;
  }

  /** The agency's answer, in review state {@code review} (pending, approved, returned). */
  public UUID answer(UUID assignment, UUID submission, String text, String review) {
    UUID id = UUID.randomUUID();
    sql.rows("INSERT INTO answers (id, assignment_id, submission_id, text, answered_by, review, reviewed_by, "
        + "reviewed_at) VALUES (?, ?, ?, ?, 'staff:can-bo-so', ?, CASE WHEN ? = 'pending' THEN NULL ELSE 'staff:bien-tap' "
        + "END, CASE WHEN ? = 'pending' THEN NULL ELSE now() END)", id, assignment, submission, text, review, review,
        review);
    return id;
  }
}
