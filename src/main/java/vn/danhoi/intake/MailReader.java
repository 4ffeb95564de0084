package vn.danhoi.intake;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import vn.danhoi.infra.RequestValues;
import vn.danhoi.infra.VietnameseText;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an e-mail into a {@link MailQuestion} (blocking: call it on a worker). The body is kept as plain
 * text: a text/plain part when there is one, otherwise the HTML part's text (jsoup; no markup is stored).
 * The whole body as received is kept too, before the stored text is trimmed. Attachments are kept or listed
 * with the reason they were not ({@link MailFiles}); if the mail cannot be read to the end, none is kept.
 */
public final class MailReader {

  static final int TEXT_MAX = 20_000;
  /** The original is bounded too: a mail server accepts tens of megabytes, a text column should not. */
  static final int ORIGINAL_MAX = 200_000;
  private static final int SUBJECT_MAX = 500;
  private static final int NAME_MAX = 120;

  private MailReader() {
  }

  public static MailQuestion read(MimeMessage m, String fallbackId, OffsetDateTime now, MailFiles files)
      throws MessagingException, IOException {
    Body body = new Body(files);
    try {
      return read(m, fallbackId, now, body);
    } catch (MessagingException | IOException | RuntimeException e) {
      // the mail stays unseen and is read again: the files of this attempt would belong to no row
      files.discardNow(body.attachments);
      throw e;
    }
  }

  private static MailQuestion read(MimeMessage m, String fallbackId, OffsetDateTime now, Body body)
      throws MessagingException, IOException {
    walk(m, body);
    String original = body.original();
    String text = limit(original.replaceAll("\n{3,}", "\n\n"), TEXT_MAX);
    String subject = limit(VietnameseText.clean(m.getSubject()), SUBJECT_MAX);
    if (text.isEmpty()) {
      text = subject == null || subject.isEmpty() ? "(thư không có nội dung)" : subject;
    }
    String name = null;
    String email = null;
    Address[] from = m.getFrom();
    if (from != null && from.length > 0 && from[0] instanceof InternetAddress a) {
      name = limit(VietnameseText.clean(a.getPersonal()), NAME_MAX);
      email = a.getAddress() == null ? null : limit(a.getAddress().trim().toLowerCase(Locale.ROOT), 254);
    }
    String messageId = m.getMessageID();
    String externalId = messageId == null || messageId.isBlank() ? fallbackId : limit(messageId.trim(), 500);
    return new MailQuestion(externalId, blankToNull(name), email, recipients(m), blankToNull(subject), text,
        original.isEmpty() ? null : original, time(m.getSentDate()),
        time(m.getReceivedDate()) == null ? now : time(m.getReceivedDate()), body.attachments);
  }

  /** To, Cc and the delivery headers a mail server adds (Bcc'd mail is found only through those). */
  static List<String> recipients(MimeMessage m) throws MessagingException {
    Set<String> out = new LinkedHashSet<>();
    for (Message.RecipientType type : List.of(Message.RecipientType.TO, Message.RecipientType.CC)) {
      Address[] addresses = m.getRecipients(type);
      if (addresses != null) {
        for (Address a : addresses) {
          if (a instanceof InternetAddress ia && ia.getAddress() != null) {
            out.add(ia.getAddress().trim().toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    for (String header : List.of("Delivered-To", "X-Original-To", "Envelope-To")) {
      String[] values = m.getHeader(header);
      if (values != null) {
        for (String v : values) {
          try {
            for (InternetAddress a : InternetAddress.parseHeader(v, false)) {
              if (a.getAddress() != null) {
                out.add(a.getAddress().trim().toLowerCase(Locale.ROOT));
              }
            }
          } catch (MessagingException e) {
            // a malformed delivery header routes nothing; To and Cc still count
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static final class Body {
    final MailFiles files;
    final List<String> plain = new ArrayList<>();
    final List<String> html = new ArrayList<>();
    final List<MailQuestion.Listed> attachments = new ArrayList<>();
    long keptBytes;

    Body(MailFiles files) {
      this.files = files;
    }

    /** The body as it came (plain text, or the HTML part's text), only made valid Unicode. */
    String original() {
      String raw = !plain.isEmpty() ? String.join("\n\n", plain)
          : html.isEmpty() ? "" : String.join("\n\n", html.stream().map(MailReader::htmlToText).toList());
      String cleaned = VietnameseText.clean(raw.replace("\r\n", "\n"));
      return cleaned == null ? "" : limit(cleaned, ORIGINAL_MAX);
    }

    void attachment(Part p, String fileName) throws MessagingException, IOException {
      try (InputStream in = p.getInputStream()) {
        MailQuestion.Listed listed = files.take(in, fileName == null ? "(không tên)" : fileName, baseType(p),
            keptBytes);
        keptBytes += listed.kept() ? listed.size() : 0;
        attachments.add(listed);
      }
    }
  }

  private static void walk(Part p, Body body) throws MessagingException, IOException {
    String disposition = p.getDisposition();
    String fileName = fileName(p);
    if (p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        walk(mp.getBodyPart(i), body);
      }
    } else if (!Part.ATTACHMENT.equalsIgnoreCase(disposition) && fileName == null && p.isMimeType("text/plain")) {
      body.plain.add(textContent(p));
    } else if (!Part.ATTACHMENT.equalsIgnoreCase(disposition) && fileName == null && p.isMimeType("text/html")) {
      body.html.add(textContent(p));
    } else {
      body.attachment(p, fileName);
    }
  }

  private static String fileName(Part p) throws MessagingException {
    String name = p.getFileName();
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      name = MimeUtility.decodeText(name);
    } catch (UnsupportedEncodingException e) {
      // keep the name as it came
    }
    String cleaned = VietnameseText.clean(name);
    return cleaned == null || cleaned.isEmpty() ? null : limit(cleaned, 255);
  }

  private static String baseType(Part p) throws MessagingException {
    try {
      return new ContentType(p.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | NullPointerException e) {
      return "application/octet-stream";
    }
  }

  private static String textContent(Part p) throws MessagingException, IOException {
    try {
      Object content = p.getContent();
      if (content instanceof String s) {
        return s;
      }
    } catch (UnsupportedEncodingException e) {
      // an unknown charset: read the bytes as UTF-8 below rather than lose the question
    }
    try (InputStream in = p.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The text a reader sees: block elements and line breaks become new lines, scripts and styles go. */
  static String htmlToText(String html) {
    Document doc = Jsoup.parse(html);
    doc.select("script, style, head, template, noscript, title").remove();
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          out.append(t.text());
        } else if (node instanceof Element e && (e.normalName().equals("br") || e.isBlock())) {
          newLine(out);
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && e.isBlock()) {
          newLine(out);
        }
      }
    }, doc.body());
    StringBuilder lines = new StringBuilder();
    for (String line : out.toString().split("\n", -1)) {
      lines.append(line.strip()).append('\n');
    }
    return lines.toString().replaceAll("\n{3,}", "\n\n").strip();
  }

  private static void newLine(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }

  /** A mail's date, or null when it has none or one no mail can have (a forged Date: header in year 99999). */
  private static OffsetDateTime time(Date d) {
    OffsetDateTime t = d == null ? null : d.toInstant().atOffset(ZoneOffset.UTC);
    return t != null && RequestValues.inBounds(t) ? t : null;
  }

  private static String limit(String s, int max) {
    if (s == null || VietnameseText.length(s) <= max) {
      return s;
    }
    return s.substring(0, s.offsetByCodePoints(0, max));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
