package vn.danhoi.sms;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.support.TestNode.await;

class LogProviderTest {

  private final LogProvider log = new LogProvider();

  @Test
  void takesEverySmsAndLogsOneLineWithTheNumberMasked() {
    Logger logger = (Logger) LoggerFactory.getLogger(LogProvider.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    // the tests log at WARN; this line is INFO
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    try {
      UUID notice = UUID.randomUUID();
      assertEquals(new SmsResult.Accepted("log-" + notice),
          await(log.send(new OutgoingSms(notice, "0912345678", "Cau hoi cua ong/ba da duoc tra loi"))));
      assertEquals(1, lines.list.size());
      String line = lines.list.get(0).getFormattedMessage();
      assertTrue(line.contains("***678"), line);
      assertFalse(line.contains("0912345678") || line.contains("tra loi"), "neither the number nor the text: " + line);
    } finally {
      logger.detachAppender(lines);
      logger.setLevel(level);
    }
  }

  @Test
  void foldsAndBelievesNoReport() {
    assertEquals("log", log.name());
    assertTrue(log.foldsDiacritics());
    assertThrows(SmsProvider.BadSignature.class, () -> log.report(new ReportRequest("https://danhoi.example.vn/x",
        MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("{}"), "application/json")));
  }
}
