package vn.danhoi.moderation;

import io.vertx.core.Future;
import vn.danhoi.intake.Submission;

/**
 * What follows an editor's confirmation that a message is a complaint or denunciation: its author is told, once,
 * where such a message is lodged. Kept behind this seam so moderation does not depend on how citizens are told.
 */
public interface Referrals {

  Referrals NONE = item -> Future.succeededFuture();

  /** The item as committed, already referred; a failure to tell the asker is recorded, never the editor's error. */
  Future<Void> referred(Submission item);
}
