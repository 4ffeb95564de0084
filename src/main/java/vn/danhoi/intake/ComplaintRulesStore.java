package vn.danhoi.intake;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;
import vn.danhoi.intake.ComplaintRules.Phrases;

import java.util.List;

/** The office's complaint and denunciation phrases: one row (V22), seeded with the defaults on first load. */
public final class ComplaintRulesStore {

  private final Pool pool;

  public ComplaintRulesStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Phrases> load() {
    return pool.preparedQuery("INSERT INTO intake_rules (id, complaint, denunciation, question) "
            + "VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING")
        .execute(arrays(ComplaintRules.DEFAULTS))
        .compose(v -> pool.query("SELECT complaint, denunciation, question FROM intake_rules WHERE id = 1").execute())
        .map(rows -> phrases(rows.iterator().next()));
  }

  /** Replaces the phrases, logging who did it with the rules before and after. */
  public Future<Void> save(Phrases before, Phrases after, String actor, String address) {
    Tuple values = arrays(after);
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO intake_rules (id, complaint, denunciation, "
                + "question, updated_at) VALUES (1, $1, $2, $3, now()) ON CONFLICT (id) DO UPDATE SET "
                + "complaint = $1, denunciation = $2, question = $3, updated_at = now()")
        .execute(values)
        .compose(v -> EventLog.append(tx, EventLog.Event.of(actor, "intake_rules.updated", "intake_rules", "1")
            .before(before.toJson()).after(after.toJson()).from(address))));
  }

  private static Tuple arrays(Phrases p) {
    return Tuple.of(p.complaint().toArray(String[]::new), p.denunciation().toArray(String[]::new),
        p.question().toArray(String[]::new));
  }

  private static Phrases phrases(Row r) {
    return new Phrases(List.of(r.getArrayOfStrings("complaint")), List.of(r.getArrayOfStrings("denunciation")),
        List.of(r.getArrayOfStrings("question")));
  }
}
