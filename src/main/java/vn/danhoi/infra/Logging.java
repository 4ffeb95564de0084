package vn.danhoi.infra;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends every library's logging to SLF4J, whose one backend (Logback, src/main/resources/logback.xml) writes
 * it. Vert.x 5 and Netty pick SLF4J by themselves once a backend is present, and the Log4j API (Apache POI)
 * reaches it through log4j-to-slf4j; java.util.logging (Jakarta Mail) has to be bridged here, before it logs.
 */
public final class Logging {

  private Logging() {
  }

  public static void install() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /**
   * A contact as a log line may show it (logs are not where personal data belongs): a number's last three
   * digits, an e-mail address's first letter and domain.
   */
  public static String masked(String contact) {
    if (contact == null || contact.length() < 4) {
      return "***";
    }
    int at = contact.indexOf('@');
    return at > 0 ? contact.charAt(0) + "***" + contact.substring(at) : "***" + contact.substring(contact.length() - 3);
  }
}
