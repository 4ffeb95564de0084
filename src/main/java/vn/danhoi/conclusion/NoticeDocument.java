package vn.danhoi.conclusion;

import vn.danhoi.document.DocumentType;
import vn.danhoi.document.OfficialDocument;
import vn.danhoi.document.Signature;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The conclusion notice as the council office issues it: a "THÔNG BÁO" whose summary is the notice's title,
 * its body, then one paragraph per item still standing with its agency and deadline.
 */
final class NoticeDocument {

  private NoticeDocument() {
  }

  static OfficialDocument of(Conclusion c, ZoneId zone, Instant now) {
    Conclusion.Header h = c.header();
    List<OfficialDocument.Block> body = new ArrayList<>();
    for (String line : h.body().split("\\R")) {
      body.add(OfficialDocument.Text.of(line));
    }
    for (Conclusion.Item i : c.items()) {
      if ("dropped".equals(i.status())) {
        continue;
      }
      StringBuilder line = new StringBuilder().append(i.position()).append(". ").append(sentence(i.text()));
      if (i.ownerAgency() != null && !i.ownerAgency().isBlank()) {
        line.append(" Giao: ").append(i.ownerAgency().trim());
      }
      if (i.dueAt() != null) {
        LocalDate due = i.dueAt().atZoneSameInstant(zone).toLocalDate();
        line.append("; thời hạn: ").append(String.format("%02d/%02d/%d", due.getDayOfMonth(), due.getMonthValue(),
            due.getYear()));
      }
      if (i.ownerAgency() != null && !i.ownerAgency().isBlank() || i.dueAt() != null) {
        line.append('.');
      }
      body.add(new OfficialDocument.Text(line.toString(), false));
    }
    return new OfficialDocument(c.issuer(), DocumentType.NOTICE, h.number(), h.place(), c.date(zone, now),
        h.title(), body, h.recipients(), new Signature(c.signerAuthority(), h.signerTitle(), h.signerName()));
  }

  /** An item as a sentence: ending in a full stop, so the agency that follows starts its own. */
  private static String sentence(String text) {
    String t = text.trim();
    return t.isEmpty() || ".?!".indexOf(t.charAt(t.length() - 1)) >= 0 ? t : t + ".";
  }
}
