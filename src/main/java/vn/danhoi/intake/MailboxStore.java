package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The SQL the e-mail channel needs: which episode, open at a given time, owns one of the recipient addresses. */
public final class MailboxStore {

  private final Pool pool;

  public MailboxStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * The open episode whose {@code email_address} is one of the (lower-case) addresses, or null. Programs that
   * keep one address for every episode (a twice-monthly column) route to the soonest one. Open means
   * open when the mail reached the mailbox (its IMAP arrival time, to the second) or when it is read now.
   */
  public Future<UUID> openEpisodeFor(List<String> addresses, OffsetDateTime arrived, OffsetDateTime now) {
    if (addresses.isEmpty()) {
      return Future.succeededFuture(null);
    }
    return pool.preparedQuery("SELECT id FROM episodes WHERE status <> 'cancelled' AND email_address IS NOT NULL "
            + "AND fold_case(email_address) = ANY($1) AND ((intake_opens_at <= $2 AND intake_closes_at > $2) "
            + "OR (intake_opens_at <= $3 AND intake_closes_at > $3)) "
            + "ORDER BY starts_at, id LIMIT 1")
        .execute(Tuple.of(addresses.toArray(new String[0]), arrived, now))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }
}
