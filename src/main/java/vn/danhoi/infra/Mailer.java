package vn.danhoi.infra;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;

/**
 * Sends one e-mail, with an attachment or without (then plain text), over SMTP (Jakarta Mail): the one SMTP
 * door, shared by rundowns, follow-ups, publication notices and sessions. Blocking: call it on a worker thread.
 */
public final class Mailer {

  private final AppConfig.Mail config;

  public Mailer(AppConfig.Mail config) {
    this.config = config;
  }

  public boolean configured() {
    return config.configured();
  }

  public record Mail(String to, String toName, String subject, String text, String attachmentName,
                     byte[] attachment, Instant date) {
  }

  /** Sends the mail; its Message-ID. */
  public String send(Mail mail) throws MessagingException, UnsupportedEncodingException {
    Properties p = new Properties();
    String timeout = Integer.toString(config.timeoutMillis());
    p.put("mail.smtp.host", config.host());
    p.put("mail.smtp.port", Integer.toString(config.port()));
    p.put("mail.smtp.connectiontimeout", timeout);
    p.put("mail.smtp.timeout", timeout);
    p.put("mail.smtp.writetimeout", timeout);
    boolean auth = !config.username().isEmpty();
    p.put("mail.smtp.auth", Boolean.toString(auth));
    switch (config.security()) {
      case "starttls" -> {
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
      }
      case "ssl" -> p.put("mail.smtp.ssl.enable", "true");
      default -> {
        // plain SMTP: a relay on the same host or network
      }
    }
    MimeMessage m = new MimeMessage(Session.getInstance(p));
    InternetAddress from = new InternetAddress(config.from(), true);
    m.setFrom(new InternetAddress(from.getAddress(), from.getPersonal(), "UTF-8"));
    if (mail.toName() == null) {
      // several addresses, "a@x.vn, b@x.vn": an agency's mailboxes
      m.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.to(), true));
    } else {
      m.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.to(), mail.toName(), "UTF-8"));
    }
    m.setSubject(mail.subject(), "UTF-8");
    m.setSentDate(Date.from(mail.date()));
    if (mail.attachment() == null) {
      m.setText(mail.text(), "UTF-8");
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), "UTF-8");
      MimeBodyPart attachment = new MimeBodyPart();
      attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(mail.attachment(), Download.DOCX)));
      attachment.setFileName(mail.attachmentName());
      attachment.setDisposition(Part.ATTACHMENT);
      m.setContent(new MimeMultipart(text, attachment));
    }
    m.saveChanges();
    if (auth) {
      Transport.send(m, config.username(), config.password());
    } else {
      Transport.send(m);
    }
    return m.getMessageID();
  }
}
