package vn.danhoi.document;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static vn.danhoi.document.OfficialDocx.CM;
import static vn.danhoi.document.OfficialDocx.TEXT_WIDTH;
import static vn.danhoi.document.OfficialDocx.borderless;
import static vn.danhoi.document.OfficialDocx.centred;
import static vn.danhoi.document.OfficialDocx.line;
import static vn.danhoi.document.OfficialDocx.nextParagraph;
import static vn.danhoi.document.OfficialDocx.paragraph;
import static vn.danhoi.document.OfficialDocx.rule;
import static vn.danhoi.document.OfficialDocx.run;
import static vn.danhoi.document.OfficialDocx.widths;

/**
 * An {@link OfficialDocument} as a DOCX: Times New Roman, A4, the decree's margins, sizes and rules, page
 * numbers from page 2. Tables in order: the heading, the body's own tables, "Nơi nhận" and the signature.
 * Blocking: on a worker.
 */
public final class DocumentDocx {

  /** The heading's columns: issuing body | national title, wide enough for the title on one line at 12 pt. */
  static final int LEFT = 6 * CM;
  static final int RIGHT = TEXT_WIDTH - LEFT;

  private DocumentDocx() {
  }

  public static byte[] write(OfficialDocument d) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      OfficialDocx.page(doc);
      OfficialDocx.pageNumbers(doc, 13);
      heading(doc, d);
      centred(doc, d.type().title(), 14, true, false).setSpacingBefore(360);
      if (d.summary() != null && !d.summary().isBlank()) {
        centred(doc, d.summary(), 14, true, false);
      }
      rule(doc.createParagraph(), 2 * CM + CM / 2, TEXT_WIDTH).setSpacingAfter(240);
      for (OfficialDocument.Block b : d.body()) {
        if (b instanceof OfficialDocument.Text t) {
          paragraph(doc, t.text().isEmpty() ? "" : t.text(), t.section());
        } else if (b instanceof OfficialDocument.Table t) {
          table(doc, t);
        }
      }
      closing(doc, d);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void heading(XWPFDocument doc, OfficialDocument d) {
    XWPFTable table = borderless(doc, 2, 2);
    XWPFTableCell body = table.getRow(0).getCell(0);
    if (!d.issuer().parentBody().isEmpty()) {
      line(body, d.issuer().parentBody().toUpperCase(Issuer.VI), 13, false, false);
    }
    line(body, d.issuer().name().toUpperCase(Issuer.VI), 13, true, false);
    rule(nextParagraph(body), 2 * CM, LEFT);
    XWPFTableCell nation = table.getRow(0).getCell(1);
    line(nation, OfficialDocument.NATION, 12, true, false);
    line(nation, OfficialDocument.MOTTO, 13, true, false);
    // as long as the motto above it
    rule(nextParagraph(nation), 5 * CM + CM * 6 / 10, RIGHT);
    line(table.getRow(1).getCell(0), d.numberLine(), 13, false, false).setSpacingBefore(120);
    line(table.getRow(1).getCell(1), d.placeAndDate(), 14, false, true).setSpacingBefore(120);
    widths(table, LEFT, RIGHT);
  }

  private static void table(XWPFDocument doc, OfficialDocument.Table t) {
    int rows = t.rows().size() + 1 + (t.total() == null ? 0 : 1);
    XWPFTable table = doc.createTable(rows, t.head().size());
    fill(table.getRow(0), t.head(), true, t);
    for (int i = 0; i < t.rows().size(); i++) {
      fill(table.getRow(i + 1), t.rows().get(i), false, t);
    }
    if (t.total() != null) {
      fill(table.getRow(rows - 1), t.total(), true, t);
    }
    float sum = 0;
    for (float w : t.widths()) {
      sum += w;
    }
    int[] twips = new int[t.widths().length];
    int used = 0;
    for (int c = 0; c < twips.length - 1; c++) {
      twips[c] = Math.round(TEXT_WIDTH * t.widths()[c] / sum);
      used += twips[c];
    }
    twips[twips.length - 1] = TEXT_WIDTH - used;
    widths(table, twips);
    doc.createParagraph().setSpacingAfter(0);
  }

  private static void fill(XWPFTableRow row, List<String> cells, boolean bold, OfficialDocument.Table t) {
    for (int c = 0; c < cells.size(); c++) {
      XWPFParagraph p = row.getCell(c).getParagraphs().get(0);
      p.setAlignment(bold || t.centred()[c] ? ParagraphAlignment.CENTER : ParagraphAlignment.LEFT);
      p.setSpacingAfter(0);
      run(p, cells.get(c), 13, bold, false);
    }
  }

  /** "Nơi nhận" on the left, the signature block on the right. */
  private static void closing(XWPFDocument doc, OfficialDocument d) {
    doc.createParagraph();
    XWPFTable table = borderless(doc, 1, 2);
    XWPFTableCell recipients = table.getRow(0).getCell(0);
    line(recipients, "Nơi nhận:", 12, true, true).setAlignment(ParagraphAlignment.LEFT);
    for (String r : d.recipientLines()) {
      line(recipients, r, 11, false, false).setAlignment(ParagraphAlignment.LEFT);
    }
    XWPFTableCell sign = table.getRow(0).getCell(1);
    for (String s : d.signature().heading()) {
      line(sign, s, 14, true, false);
    }
    // the space for the hand and the seal
    for (int i = 0; i < 4; i++) {
      sign.addParagraph();
    }
    String name = d.signature().name();
    if (name != null && !name.isBlank()) {
      line(sign, name.trim(), 14, true, false);
    }
    widths(table, TEXT_WIDTH / 2, TEXT_WIDTH - TEXT_WIDTH / 2);
  }
}
