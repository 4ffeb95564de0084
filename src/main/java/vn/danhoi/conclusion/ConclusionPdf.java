package vn.danhoi.conclusion;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import vn.danhoi.infra.PdfFonts;

import java.io.ByteArrayOutputStream;

/**
 * The conclusion notice as a PDF (OpenPDF), in the embedded DejaVu Sans of {@link PdfFonts}. Blocking: on a
 * worker.
 */
final class ConclusionPdf {

  private static final float CM = 28.35f;
  private static final BaseFont REGULAR = PdfFonts.REGULAR;
  private static final BaseFont BOLD = PdfFonts.BOLD;

  private ConclusionPdf() {
  }

  static byte[] write(NoticeLayout n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4, 3 * CM, 2 * CM, 2 * CM, 2 * CM);
    try {
      PdfWriter.getInstance(doc, out);
      doc.addTitle(n.heading() + " " + n.number());
      doc.open();
      PdfPTable head = table();
      head.addCell(cell(new Paragraph(n.issuer(), new Font(BOLD, 11)), Element.ALIGN_CENTER));
      Paragraph nation = new Paragraph(NoticeLayout.NATION, new Font(BOLD, 10));
      nation.add(Chunk.NEWLINE);
      nation.add(new Chunk(NoticeLayout.MOTTO, new Font(BOLD, 11)));
      head.addCell(cell(nation, Element.ALIGN_CENTER));
      head.addCell(cell(new Paragraph(n.number(), new Font(REGULAR, 11)), Element.ALIGN_CENTER));
      head.addCell(cell(new Paragraph(n.placeAndDate(), new Font(REGULAR, 11, Font.ITALIC)), Element.ALIGN_CENTER));
      doc.add(head);

      Paragraph heading = centred(n.heading(), new Font(BOLD, 13));
      heading.setSpacingBefore(14);
      doc.add(heading);
      doc.add(centred(n.title(), new Font(BOLD, 12)));
      doc.add(centred("―――――", new Font(REGULAR, 11)));
      for (String line : n.body()) {
        doc.add(body(line, new Font(ConclusionDocx.isSection(line) ? BOLD : REGULAR, 12)));
      }
      for (String line : n.items()) {
        doc.add(body(line, new Font(REGULAR, 12)));
      }

      PdfPTable closing = table();
      closing.setSpacingBefore(14);
      Paragraph recipients = new Paragraph("Nơi nhận:", new Font(BOLD, 10, Font.ITALIC));
      for (String r : n.recipients()) {
        recipients.add(Chunk.NEWLINE);
        recipients.add(new Chunk(r, new Font(REGULAR, 9)));
      }
      closing.addCell(cell(recipients, Element.ALIGN_LEFT));
      Paragraph sign = new Paragraph();
      for (String s : n.signature()) {
        sign.add(new Chunk(s, new Font(BOLD, 11)));
        sign.add(Chunk.NEWLINE);
      }
      sign.add("\n\n\n");
      if (n.signerName() != null && !n.signerName().isBlank()) {
        sign.add(new Chunk(n.signerName(), new Font(BOLD, 11)));
      }
      closing.addCell(cell(sign, Element.ALIGN_CENTER));
      doc.add(closing);
      doc.close();
      return out.toByteArray();
    } catch (DocumentException e) {
      throw new IllegalStateException("PDF not written", e);
    }
  }

  private static PdfPTable table() {
    PdfPTable t = new PdfPTable(new float[] {4, 6});
    t.setWidthPercentage(100);
    return t;
  }

  private static PdfPCell cell(Paragraph p, int align) {
    p.setAlignment(align);
    PdfPCell c = new PdfPCell();
    c.setBorder(Rectangle.NO_BORDER);
    c.addElement(p);
    return c;
  }

  private static Paragraph centred(String text, Font font) {
    Paragraph p = new Paragraph(text, font);
    p.setAlignment(Element.ALIGN_CENTER);
    return p;
  }

  private static Paragraph body(String text, Font font) {
    Paragraph p = new Paragraph(text.isEmpty() ? " " : text, font);
    p.setAlignment(Element.ALIGN_JUSTIFIED);
    p.setFirstLineIndent(CM);
    p.setSpacingAfter(3);
    return p;
  }
}
