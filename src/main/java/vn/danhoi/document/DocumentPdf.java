package vn.danhoi.document;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.pdf.draw.LineSeparator;
import vn.danhoi.infra.PdfFonts;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * An {@link OfficialDocument} as a PDF (OpenPDF): the DOCX's layout in the embedded Liberation Serif of
 * {@link PdfFonts}, with the decree's sizes, rules and page numbers from page 2. Blocking: on a worker.
 */
public final class DocumentPdf {

  private static final float CM = 28.35f;
  /** The heading's columns, as the DOCX's: the national title on one line at 12 pt. */
  private static final float[] HEADING = {6, 10};
  /** A4 less the left (3 cm) and right (2 cm) margins. */
  private static final float TEXT_WIDTH = 16 * CM;

  private DocumentPdf() {
  }

  public static byte[] write(OfficialDocument d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document doc = new Document(PageSize.A4, 3 * CM, 2 * CM, 2 * CM, 2 * CM);
    try {
      PdfWriter writer = PdfWriter.getInstance(doc, out);
      writer.setPageEvent(new PageNumbers());
      // justified as Word does, by the spaces between words only: letters keep their spacing and the text
      // extracts back word for word
      writer.setSpaceCharRatio(PdfWriter.NO_SPACE_CHAR_RATIO);
      doc.addTitle(d.type().title() + " " + d.numberLine());
      doc.open();
      heading(doc, d);
      // in a cell of its own, as the heading, so the rule lands under the summary's last line however many
      PdfPTable title = columns(new float[] {1});
      title.setSpacingBefore(18);
      title.setSpacingAfter(12);
      PdfPCell block = cell();
      block.addElement(centred(d.type().title(), font(PdfFonts.SERIF_BOLD, 14)));
      if (d.summary() != null && !d.summary().isBlank()) {
        block.addElement(centred(d.summary(), font(PdfFonts.SERIF_BOLD, 14)));
      }
      block.addElement(rule(2.5f * CM, TEXT_WIDTH));
      title.addCell(block);
      doc.add(title);
      for (OfficialDocument.Block b : d.body()) {
        if (b instanceof OfficialDocument.Text t) {
          doc.add(body(t));
        } else if (b instanceof OfficialDocument.Table t) {
          doc.add(table(t));
        }
      }
      doc.add(closing(d));
      doc.close();
      return out.toByteArray();
    } catch (DocumentException e) {
      throw new IllegalStateException("PDF not written", e);
    }
  }

  private static void heading(Document doc, OfficialDocument d) {
    PdfPTable head = columns(HEADING);
    PdfPCell body = cell();
    if (!d.issuer().parentBody().isEmpty()) {
      body.addElement(centred(d.issuer().parentBody().toUpperCase(Issuer.VI), font(PdfFonts.SERIF, 13)));
    }
    body.addElement(centred(d.issuer().name().toUpperCase(Issuer.VI), font(PdfFonts.SERIF_BOLD, 13)));
    body.addElement(rule(2 * CM, HEADING[0] * CM));
    head.addCell(body);
    PdfPCell nation = cell();
    nation.addElement(centred(OfficialDocument.NATION, font(PdfFonts.SERIF_BOLD, 12)));
    Font motto = font(PdfFonts.SERIF_BOLD, 13);
    nation.addElement(centred(OfficialDocument.MOTTO, motto));
    nation.addElement(rule(PdfFonts.SERIF_BOLD.getWidthPoint(OfficialDocument.MOTTO, 13), HEADING[1] * CM));
    head.addCell(nation);
    PdfPCell number = cell();
    number.addElement(centred(d.numberLine(), font(PdfFonts.SERIF, 13)));
    head.addCell(number);
    PdfPCell date = cell();
    date.addElement(centred(d.placeAndDate(), font(PdfFonts.SERIF_ITALIC, 14)));
    head.addCell(date);
    doc.add(head);
  }

  private static Paragraph body(OfficialDocument.Text t) {
    Paragraph p = new Paragraph(t.text().isEmpty() ? " " : t.text(),
        font(t.section() ? PdfFonts.SERIF_BOLD : PdfFonts.SERIF, 14));
    p.setAlignment(Element.ALIGN_JUSTIFIED);
    p.setFirstLineIndent(CM);
    p.setSpacingAfter(6);
    return p;
  }

  private static PdfPTable table(OfficialDocument.Table t) {
    PdfPTable table = new PdfPTable(t.widths());
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    table.setSpacingBefore(6);
    table.setSpacingAfter(6);
    row(table, t.head(), true, t);
    t.rows().forEach(r -> row(table, r, false, t));
    if (t.total() != null) {
      row(table, t.total(), true, t);
    }
    return table;
  }

  private static void row(PdfPTable table, List<String> cells, boolean bold, OfficialDocument.Table t) {
    for (int c = 0; c < cells.size(); c++) {
      PdfPCell cell = new PdfPCell(new Phrase(cells.get(c), font(bold ? PdfFonts.SERIF_BOLD : PdfFonts.SERIF, 13)));
      cell.setHorizontalAlignment(bold || t.centred()[c] ? Element.ALIGN_CENTER : Element.ALIGN_LEFT);
      cell.setPadding(4);
      table.addCell(cell);
    }
  }

  /** "Nơi nhận" on the left, the signature block on the right. */
  private static PdfPTable closing(OfficialDocument d) {
    PdfPTable closing = columns(new float[] {1, 1});
    closing.setSpacingBefore(12);
    closing.setKeepTogether(true);
    PdfPCell recipients = cell();
    Paragraph list = new Paragraph(new Chunk("Nơi nhận:", font(PdfFonts.SERIF_BOLD_ITALIC, 12)));
    for (String r : d.recipientLines()) {
      list.add(Chunk.NEWLINE);
      list.add(new Chunk(r, font(PdfFonts.SERIF, 11)));
    }
    recipients.addElement(list);
    closing.addCell(recipients);
    PdfPCell sign = cell();
    for (String s : d.signature().heading()) {
      sign.addElement(centred(s, font(PdfFonts.SERIF_BOLD, 14)));
    }
    // the space for the hand and the seal
    Paragraph space = new Paragraph(" ", font(PdfFonts.SERIF, 14));
    space.setSpacingAfter(56);
    sign.addElement(space);
    String name = d.signature().name();
    if (name != null && !name.isBlank()) {
      sign.addElement(centred(name.trim(), font(PdfFonts.SERIF_BOLD, 14)));
    }
    closing.addCell(sign);
    return closing;
  }

  /**
   * A centred rule {@code length} points long in a column {@code within} points wide: a line of its own, 11
   * points below the one above, the rule on its baseline, clear of the descenders above it.
   */
  private static Paragraph rule(float length, float within) {
    // in the serif, so no other font is embedded for the separator's placeholder
    Paragraph p = new Paragraph(11, "", font(PdfFonts.SERIF, 8));
    p.add(new Chunk(new LineSeparator(0.6f, Math.min(100, 100 * length / within), null, Element.ALIGN_CENTER, 0)));
    return p;
  }

  private static PdfPTable columns(float[] widths) {
    PdfPTable t = new PdfPTable(widths);
    t.setWidthPercentage(100);
    return t;
  }

  private static PdfPCell cell() {
    PdfPCell c = new PdfPCell();
    c.setBorder(Rectangle.NO_BORDER);
    c.setPaddingLeft(0);
    c.setPaddingRight(0);
    return c;
  }

  private static Paragraph centred(String text, Font font) {
    Paragraph p = new Paragraph(text, font);
    p.setAlignment(Element.ALIGN_CENTER);
    return p;
  }

  private static Font font(BaseFont base, float size) {
    return new Font(base, size);
  }

  /** The page's number centred at the top from page 2; the first page carries none (the decree). */
  private static final class PageNumbers extends PdfPageEventHelper {
    @Override
    public void onEndPage(PdfWriter writer, Document document) {
      int page = writer.getPageNumber();
      if (page > 1) {
        ColumnText.showTextAligned(writer.getDirectContent(), Element.ALIGN_CENTER,
            new Phrase(Integer.toString(page), font(PdfFonts.SERIF, 13)),
            (document.left() + document.right()) / 2, document.top() + 0.9f * CM, 0);
      }
    }
  }
}
