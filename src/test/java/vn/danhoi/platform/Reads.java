package vn.danhoi.platform;

import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the client tests expect of a read: the texts of its page, or a failure that names no secret. */
final class Reads {

  private Reads() {
  }

  static List<String> texts(ChatPage page) {
    return page.messages().stream().map(ChatMessage::text).toList();
  }

  /** The read fails with {@code kind}, saying {@code saying}, and neither its message nor toString holds a secret. */
  static void fails(VertxTestContext ctx, Future<ChatPage> read, PlatformFailure.Kind kind, String saying,
                    List<String> secrets, Consumer<PlatformFailure> more) {
    read.onComplete(ctx.failing(err -> ctx.verify(() -> {
      PlatformFailure failure = assertInstanceOf(PlatformFailure.class, err);
      assertEquals(kind, failure.kind(), failure.getMessage());
      assertTrue(failure.getMessage().contains(saying), failure.getMessage());
      for (String secret : secrets) {
        if (!secret.isBlank()) {
          assertFalse(failure.getMessage().contains(secret.strip()), failure.getMessage());
          assertFalse(failure.toString().contains(secret.strip()), failure.toString());
        }
      }
      more.accept(failure);
      ctx.completeNow();
    })));
  }
}
