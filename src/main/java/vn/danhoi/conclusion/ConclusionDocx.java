package vn.danhoi.conclusion;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/** The conclusion notice as a DOCX (Times New Roman, A4, the margins of Decree 30/2020). Blocking: on a worker. */
final class ConclusionDocx {

  private static final String FONT = "Times New Roman";
  private static final int CM = 567;

  private ConclusionDocx() {
  }

  static byte[] write(NoticeLayout n) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CTSectPr section = doc.getDocument().getBody().addNewSectPr();
      CTPageSz size = section.addNewPgSz();
      size.setW(BigInteger.valueOf(11_906));
      size.setH(BigInteger.valueOf(16_838));
      CTPageMar margins = section.addNewPgMar();
      margins.setTop(BigInteger.valueOf(2 * CM));
      margins.setBottom(BigInteger.valueOf(2 * CM));
      margins.setLeft(BigInteger.valueOf(3 * CM));
      margins.setRight(BigInteger.valueOf(2 * CM));

      XWPFTable head = twoColumns(doc, 2);
      text(head.getRow(0).getCell(0), n.issuer(), 13, true, false);
      text(head.getRow(0).getCell(1), NoticeLayout.NATION, 12, true, false);
      text(head.getRow(0).getCell(1), NoticeLayout.MOTTO, 13, true, false);
      text(head.getRow(1).getCell(0), n.number(), 13, false, false);
      text(head.getRow(1).getCell(1), n.placeAndDate(), 13, false, true);

      centred(doc, n.heading(), 14, true).setSpacingBefore(240);
      centred(doc, n.title(), 14, true);
      centred(doc, "―――――", 13, false);
      n.body().forEach(line -> paragraph(doc, line, isSection(line)));
      n.items().forEach(line -> paragraph(doc, line, false));

      doc.createParagraph();
      XWPFTable closing = twoColumns(doc, 1);
      XWPFTableCell recipients = closing.getRow(0).getCell(0);
      text(recipients, "Nơi nhận:", 12, true, true).setAlignment(ParagraphAlignment.LEFT);
      n.recipients().forEach(r -> text(recipients, r, 11, false, false).setAlignment(ParagraphAlignment.LEFT));
      XWPFTableCell sign = closing.getRow(0).getCell(1);
      n.signature().forEach(s -> text(sign, s, 13, true, false));
      for (int i = 0; i < 3; i++) {
        sign.addParagraph();
      }
      if (n.signerName() != null && !n.signerName().isBlank()) {
        text(sign, n.signerName(), 13, true, false);
      }
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean isSection(String line) {
    return line.matches("^[IVX]+\\. .*");
  }

  private static XWPFTable twoColumns(XWPFDocument doc, int rows) {
    XWPFTable table = doc.createTable(rows, 2);
    table.setTableAlignment(TableRowAlign.CENTER);
    table.removeBorders();
    table.setWidth("100%");
    return table;
  }

  /** A centred line in a cell: its first, empty paragraph, then new ones. */
  private static XWPFParagraph text(XWPFTableCell cell, String text, int size, boolean bold, boolean italic) {
    XWPFParagraph first = cell.getParagraphs().get(0);
    XWPFParagraph p = first.getRuns().isEmpty() ? first : cell.addParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingAfter(0);
    run(p, text, size, bold, italic);
    return p;
  }

  private static XWPFParagraph centred(XWPFDocument doc, String text, int size, boolean bold) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingAfter(0);
    run(p, text, size, bold, false);
    return p;
  }

  private static void paragraph(XWPFDocument doc, String text, boolean bold) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.BOTH);
    p.setSpacingAfter(60);
    p.setFirstLineIndent(CM);
    run(p, text, 14, bold, false);
  }

  private static void run(XWPFParagraph p, String text, int size, boolean bold, boolean italic) {
    XWPFRun run = p.createRun();
    run.setFontFamily(FONT);
    run.setFontSize(size);
    run.setBold(bold);
    run.setItalic(italic);
    run.setText(text);
  }
}
