package vn.danhoi.overlay;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import vn.danhoi.infra.EventLog;
import vn.danhoi.infra.Times;
import vn.danhoi.intake.SubmissionStore;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The episodes' overlay links (only their tokens' hashes) and the state a graphic shows, read from PostgreSQL. */
public final class OverlayStore {

  private final Pool pool;
  private final ZoneId zone;

  public OverlayStore(Pool pool, ZoneId zone) {
    this.pool = pool;
    this.zone = zone;
  }

  /** A link as the editors list it; never its token, which only its creator saw once. */
  public record Link(UUID id, UUID episodeId, String label, String createdBy, OffsetDateTime createdAt,
                     OffsetDateTime revokedAt) {

    static Link of(Row r) {
      return new Link(r.getUUID("id"), r.getUUID("episode_id"), r.getString("label"), r.getString("created_by"),
          r.getOffsetDateTime("created_at"), r.getOffsetDateTime("revoked_at"));
    }

    public JsonObject toJson(ZoneId zone) {
      return new JsonObject().put("id", id.toString()).put("label", label).put("createdBy", createdBy)
          .put("createdAt", Times.format(createdAt, zone)).put("revokedAt", Times.format(revokedAt, zone))
          .put("active", revokedAt == null);
    }
  }

  private static final String LINK_COLUMNS = "id, episode_id, label, created_by, created_at, revoked_at";

  /** Adds a link to an existing episode, with its audit event; null when there is no such episode. */
  public Future<Link> create(UUID episodeId, String tokenHash, String label, String actor, String address) {
    UUID id = UUID.randomUUID();
    return pool.withTransaction(c -> c.preparedQuery("INSERT INTO overlay_links (id, episode_id, token_hash, label, "
            + "created_by) SELECT $1, id, $3, $4, $5 FROM episodes WHERE id = $2 RETURNING " + LINK_COLUMNS)
        .execute(Tuple.of(id, episodeId, tokenHash, label, actor))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Link link = Link.of(rows.iterator().next());
          return EventLog.append(c, EventLog.Event.of(actor, "overlay.link_created", "overlay_link", id.toString())
              .inEpisode(episodeId).after(new JsonObject().put("label", label)).from(address)).map(link);
        }));
  }

  public Future<List<Link>> links(UUID episodeId) {
    return pool.preparedQuery("SELECT " + LINK_COLUMNS + " FROM overlay_links WHERE episode_id = $1 "
            + "ORDER BY created_at, id")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          List<Link> out = new ArrayList<>(rows.size());
          rows.forEach(r -> out.add(Link.of(r)));
          return out;
        });
  }

  /**
   * Revokes the episode's link, with its audit event; null when the episode has no such link. Revoking twice
   * answers the link as it is and logs nothing more.
   */
  public Future<Link> revoke(UUID episodeId, UUID linkId, String actor, String address) {
    return pool.withTransaction(c -> c.preparedQuery("UPDATE overlay_links SET revoked_at = coalesce(revoked_at, now()) "
            + "WHERE id = $1 AND episode_id = $2 RETURNING " + LINK_COLUMNS + ", revoked_at = now() AS just_revoked")
        .execute(Tuple.of(linkId, episodeId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(null);
          }
          Row row = rows.iterator().next();
          Link link = Link.of(row);
          if (!row.getBoolean("just_revoked")) {
            return Future.succeededFuture(link);
          }
          return EventLog.append(c, EventLog.Event.of(actor, "overlay.link_revoked", "overlay_link",
              linkId.toString()).inEpisode(episodeId).before(new JsonObject().put("label", link.label()))
              .from(address)).map(link);
        }));
  }

  /** The live link a token's hash opens, or null when unknown or revoked. */
  public Future<Link> active(String tokenHash) {
    return pool.preparedQuery("SELECT " + LINK_COLUMNS + " FROM overlay_links WHERE token_hash = $1 "
            + "AND revoked_at IS NULL")
        .execute(Tuple.of(tokenHash))
        .map(rows -> rows.size() == 0 ? null : Link.of(rows.iterator().next()));
  }

  /**
   * The episode's title, the question on air (as the public page shows it) and the episode's latest event id,
   * in one statement: a vMix input polls this every second.
   */
  public Future<OverlayState> state(UUID episodeId) {
    return pool.preparedQuery("SELECT ep.title AS episode_title, "
            + "(SELECT max(ev.id) FROM events ev WHERE ev.episode_id = ep.id) AS revision, s.* FROM episodes ep "
            + "LEFT JOIN LATERAL (SELECT " + SubmissionStore.COLUMNS + " FROM submissions "
            + "WHERE episode_id = ep.id AND status = 'on_air' ORDER BY on_air_at DESC NULLS LAST LIMIT 1) s ON true "
            + "WHERE ep.id = $1")
        .execute(Tuple.of(episodeId))
        .map(rows -> {
          if (rows.size() == 0) {
            return new OverlayState(null, null, 0);
          }
          Row r = rows.iterator().next();
          Long revision = r.getLong("revision");
          OverlayState.OnAir onAir = r.getUUID("id") == null ? null
              : OverlayState.OnAir.of(SubmissionStore.submission(r).toStudioJson(zone));
          return new OverlayState(r.getString("episode_title"), onAir, revision == null ? 0 : revision);
        });
  }
}
