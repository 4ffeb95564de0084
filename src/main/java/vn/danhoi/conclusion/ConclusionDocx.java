package vn.danhoi.conclusion;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import vn.danhoi.infra.OfficialDocx;


import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import static vn.danhoi.infra.OfficialDocx.borderless;
import static vn.danhoi.infra.OfficialDocx.centred;
import static vn.danhoi.infra.OfficialDocx.line;
import static vn.danhoi.infra.OfficialDocx.paragraph;

/** The conclusion notice as a DOCX (Times New Roman, A4, the margins of Decree 30/2020). Blocking: on a worker. */
final class ConclusionDocx {

  private ConclusionDocx() {
  }

  static byte[] write(NoticeLayout n) {
    try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      OfficialDocx.page(doc);

      XWPFTable head = twoColumns(doc, 2);
      line(head.getRow(0).getCell(0), n.issuer(), 13, true, false);
      line(head.getRow(0).getCell(1), NoticeLayout.NATION, 12, true, false);
      line(head.getRow(0).getCell(1), NoticeLayout.MOTTO, 13, true, false);
      line(head.getRow(1).getCell(0), n.number(), 13, false, false);
      line(head.getRow(1).getCell(1), n.placeAndDate(), 13, false, true);

      centred(doc, n.heading(), 14, true, false).setSpacingBefore(240);
      centred(doc, n.title(), 14, true, false);
      centred(doc, "―――――", 13, false, false);
      n.body().forEach(line -> paragraph(doc, line, isSection(line)));
      n.items().forEach(line -> paragraph(doc, line, false));

      doc.createParagraph();
      XWPFTable closing = twoColumns(doc, 1);
      XWPFTableCell recipients = closing.getRow(0).getCell(0);
      line(recipients, "Nơi nhận:", 12, true, true).setAlignment(ParagraphAlignment.LEFT);
      n.recipients().forEach(r -> line(recipients, r, 11, false, false).setAlignment(ParagraphAlignment.LEFT));
      XWPFTableCell sign = closing.getRow(0).getCell(1);
      n.signature().forEach(s -> line(sign, s, 13, true, false));
      for (int i = 0; i < 3; i++) {
        sign.addParagraph();
      }
      if (n.signerName() != null && !n.signerName().isBlank()) {
        line(sign, n.signerName(), 13, true, false);
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
    XWPFTable table = borderless(doc, rows, 2);
    table.setWidth("100%");
    return table;
  }
}
