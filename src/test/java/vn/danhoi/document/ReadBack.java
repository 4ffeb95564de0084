package vn.danhoi.document;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.PDFTextStripperByArea;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads a generated document back (POI for the DOCX, PDFBox for the PDF) and checks it is laid out as
 * Decree 30/2020/ND-CP, Appendix I, sets: the heading's parts and their type, the number, place and date,
 * the type and summary, the body in order, "Nơi nhận" and the signature, the fonts, the page numbers.
 */
public final class ReadBack {

  /** What the document must say, part by part; {@code body} in the order it must come. */
  public record Expected(String parentBody, String issuer, String number, String placeAndDate, String type,
                         String summary, List<String> body, String lastRecipient, List<String> signature,
                         String signerName) {
  }

  private ReadBack() {
  }

  /** The DOCX's checks; returns its text (NFC, white space as single spaces). */
  public static String docx(byte[] bytes, Expected e) {
    try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes));
         XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
      List<XWPFTable> tables = doc.getTables();
      XWPFTable heading = tables.get(0);
      assertEquals(heading, doc.getBodyElements().get(0), "the heading comes first");
      List<XWPFParagraph> body = lines(heading.getRow(0).getCell(0));
      List<String> issuer = new ArrayList<>();
      if (e.parentBody() != null) {
        issuer.add(e.parentBody());
      }
      issuer.add(e.issuer());
      assertEquals(issuer, texts(body), "parent body over issuing body");
      assertTrue(runs(body.get(body.size() - 1)).allMatch(r -> r.isBold() && r.getFontSizeAsDouble() == 13));
      if (e.parentBody() != null) {
        assertTrue(runs(body.get(0)).noneMatch(XWPFRun::isBold), "the parent body is upright");
      }
      assertRuleAfter(heading.getRow(0).getCell(0), "the issuing body");
      List<XWPFParagraph> nation = lines(heading.getRow(0).getCell(1));
      assertEquals(List.of(OfficialDocument.NATION, OfficialDocument.MOTTO), texts(nation));
      assertTrue(runs(nation.get(0)).allMatch(r -> r.isBold() && r.getFontSizeAsDouble() == 12), "title 12 pt bold");
      assertTrue(runs(nation.get(1)).allMatch(r -> r.isBold() && r.getFontSizeAsDouble() == 13), "motto 13 pt bold");
      assertRuleAfter(heading.getRow(0).getCell(1), "the motto");
      assertEquals(e.number(), heading.getRow(1).getCell(0).getText().trim());
      assertEquals(e.placeAndDate(), heading.getRow(1).getCell(1).getText().trim());
      assertTrue(runs(lines(heading.getRow(1).getCell(1)).get(0)).allMatch(XWPFRun::isItalic), "the date in italics");
      // the title and the motto never wrap: the right column is wide enough for the title at 12 pt
      assertTrue(Integer.parseInt(heading.getRow(0).getCell(1).getCTTc().getTcPr().getTcW().getW().toString())
          >= 9 * OfficialDocx.CM, "the national title's column");

      List<XWPFParagraph> after = new ArrayList<>();
      for (IBodyElement b : doc.getBodyElements()) {
        if (b instanceof XWPFParagraph p) {
          after.add(p);
        }
      }
      List<String> paragraphs = texts(after);
      int type = paragraphs.indexOf(e.type());
      assertTrue(type >= 0, e.type() + " in " + paragraphs);
      assertTrue(runs(after.get(type)).allMatch(r -> r.isBold() && r.getFontSizeAsDouble() == 14));
      assertEquals(e.summary(), paragraphs.get(type + 1), "the summary under the type");
      String text = flat(extractor.getText());
      inOrder(text, e.body());
      assertTrue(text.indexOf(e.summary()) < text.indexOf(e.body().get(0)), "the body after the summary");

      XWPFTable closing = tables.get(tables.size() - 1);
      assertEquals(closing, doc.getBodyElements().get(doc.getBodyElements().size() - 1), "the signature comes last");
      List<XWPFParagraph> recipients = lines(closing.getRow(0).getCell(0));
      assertEquals("Nơi nhận:", recipients.get(0).getText());
      assertTrue(runs(recipients.get(0)).allMatch(r -> r.isBold() && r.isItalic() && r.getFontSizeAsDouble() == 12));
      recipientLines(texts(recipients.subList(1, recipients.size())), e.lastRecipient());
      List<String> signature = new ArrayList<>(e.signature());
      signature.add(e.signerName());
      List<XWPFParagraph> sign = lines(closing.getRow(0).getCell(1));
      assertEquals(signature, texts(sign));
      assertTrue(sign.stream().allMatch(p -> runs(p).allMatch(XWPFRun::isBold)), "the signature block in bold");

      for (XWPFParagraph p : allParagraphs(doc)) {
        runs(p).forEach(r -> assertEquals(OfficialDocx.FONT, r.getFontFamily(), "the font of «" + r.text() + "»"));
      }
      // page numbers from page 2: a first page of its own, without one
      assertTrue(doc.getDocument().getBody().getSectPr().isSetTitlePg(), "a first page of its own");
      XWPFHeader first = doc.getHeaderFooterPolicy().getFirstPageHeader();
      XWPFHeader others = doc.getHeaderFooterPolicy().getDefaultHeader();
      assertNotNull(first);
      assertNotNull(others);
      assertFalse(first._getHdrFtr().xmlText().contains("PAGE"), "no number on the first page");
      assertTrue(others._getHdrFtr().xmlText().contains(" PAGE "), "a PAGE field on the others");
      return text;
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** The PDF's checks; returns its text in reading order (NFC, white space as single spaces). */
  public static String pdf(byte[] bytes, Expected e) {
    try (PDDocument doc = Loader.loadPDF(bytes)) {
      for (PDPage page : doc.getPages()) {
        for (COSName name : page.getResources().getFontNames()) {
          PDFont font = page.getResources().getFont(name);
          assertTrue(font.getName().contains("LiberationSerif"), font.getName());
          assertTrue(font.isEmbedded(), font.getName() + " embedded");
          // every Vietnamese letter reachable: two-byte glyph ids, not a one-byte encoding
          assertTrue(font instanceof PDType0Font, font.getName() + " as a Type 0 font");
          assertEquals("Identity-H", font.getCOSObject().getNameAsString(COSName.ENCODING), font.getName());
        }
      }
      // the heading's columns and the closing's, each read on its own (x from the page's left edge, in cm)
      List<String> issuerColumn = region(doc, 1, 3, 6);
      List<String> nationColumn = region(doc, 1, 9, 10);
      int last = doc.getNumberOfPages();
      List<String> recipientsColumn = region(doc, last, 3, 8);
      List<String> signatureColumn = region(doc, last, 11, 8);
      List<String> issuer = new ArrayList<>();
      if (e.parentBody() != null) {
        issuer.add(e.parentBody());
      }
      issuer.addAll(List.of(e.issuer(), e.number()));
      inOrder(flat(String.join("\n", issuerColumn)), issuer);
      assertTrue(issuerColumn.contains(e.number()), "«" + e.number() + "» on one line in " + issuerColumn);
      // the national title, the motto, the place and date each on one line: none wraps
      List<String> nation = List.of(OfficialDocument.NATION, OfficialDocument.MOTTO, e.placeAndDate());
      assertEquals(nation, nationColumn.subList(0, 3), "the national title's column");

      // the rest in reading order, top to bottom; compared without spaces, as PDFBox may see a gap inside a
      // justified line's first word
      PDFTextStripper reading = new PDFTextStripper();
      reading.setSortByPosition(true);
      List<String> order = new ArrayList<>(List.of(e.type(), e.summary()));
      order.addAll(e.body());
      order.addAll(List.of("Nơi nhận:", e.signerName()));
      inOrder(flat(reading.getText(doc)).replace(" ", ""), order.stream().map(o -> o.replace(" ", "")).toList());
      String text = flat(new PDFTextStripper().getText(doc));
      int from = recipientsColumn.indexOf("Nơi nhận:");
      assertTrue(from >= 0, "Nơi nhận: in " + recipientsColumn);
      // a long recipient wraps: its next lines belong to it
      List<String> recipients = new ArrayList<>();
      for (String line : recipientsColumn.subList(from + 1, recipientsColumn.size())) {
        if (line.startsWith("- ") || recipients.isEmpty()) {
          recipients.add(line);
        } else {
          recipients.set(recipients.size() - 1, recipients.get(recipients.size() - 1) + " " + line);
        }
      }
      recipientLines(recipients, e.lastRecipient());
      List<String> signature = new ArrayList<>(e.signature());
      signature.add(e.signerName());
      int at = signatureColumn.indexOf(e.signature().get(0));
      assertTrue(at >= 0, e.signature().get(0) + " in " + signatureColumn);
      assertEquals(signature, signatureColumn.subList(at, signatureColumn.size()).stream()
          .filter(l -> !l.isEmpty()).toList(), "the signature block");
      pageNumbers(doc);
      return text;
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** Pages from the second carry their number, alone, at the top; the first carries none. */
  public static void pageNumbers(PDDocument doc) throws IOException {
    for (int p = 1; p <= doc.getNumberOfPages(); p++) {
      PDFTextStripper page = new PDFTextStripper();
      page.setSortByPosition(true);
      page.setStartPage(p);
      page.setEndPage(p);
      String top = page.getText(doc).lines().map(String::trim).filter(s -> !s.isEmpty()).findFirst().orElse("");
      if (p == 1) {
        assertFalse(top.matches("\\d+"), "no number on the first page: " + top);
      } else {
        assertEquals(Integer.toString(p), top, "the number at the top of page " + p);
      }
    }
  }

  /** The non-empty lines of a strip of a page, {@code x} and {@code width} in centimetres, the page's height. */
  private static List<String> region(PDDocument doc, int page, float x, float width) throws IOException {
    PDFTextStripperByArea area = new PDFTextStripperByArea();
    area.setSortByPosition(true);
    float cm = 72 / 2.54f;
    area.addRegion("strip", new Rectangle2D.Float(x * cm - 2, 0, width * cm + 4, 842));
    area.extractRegions(doc.getPage(page - 1));
    return Normalizer.normalize(area.getTextForRegion("strip"), Normalizer.Form.NFC).lines().map(String::trim)
        .filter(l -> !l.isEmpty()).toList();
  }

  public static int pages(byte[] pdf) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return doc.getNumberOfPages();
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** "- …;" each, the last one given and ending in "." */
  private static void recipientLines(List<String> lines, String last) {
    assertFalse(lines.isEmpty());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      assertTrue(line.startsWith("- "), line);
      assertTrue(line.endsWith(i == lines.size() - 1 ? "." : ";"), line);
    }
    assertEquals(last, lines.get(lines.size() - 1));
  }

  private static void inOrder(String text, List<String> parts) {
    int at = -1;
    for (String part : parts) {
      int next = text.indexOf(part, at + 1);
      assertTrue(next > at, "«" + part + "» after the part before it in: " + text);
      at = next;
    }
  }

  private static void assertRuleAfter(XWPFTableCell cell, String what) {
    List<XWPFParagraph> all = cell.getParagraphs();
    XWPFParagraph last = all.get(all.size() - 1);
    assertTrue(last.getText().isEmpty() && last.getCTP().getPPr().isSetPBdr(), "a rule under " + what);
  }

  /** The paragraphs of a cell that carry text. */
  private static List<XWPFParagraph> lines(XWPFTableCell cell) {
    return cell.getParagraphs().stream().filter(p -> !p.getText().isBlank()).toList();
  }

  private static List<String> texts(List<XWPFParagraph> paragraphs) {
    return paragraphs.stream().map(XWPFParagraph::getText).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static Stream<XWPFRun> runs(XWPFParagraph p) {
    return p.getRuns().stream().filter(r -> r.text() != null && !r.text().isEmpty());
  }

  private static List<XWPFParagraph> allParagraphs(XWPFDocument doc) {
    List<XWPFParagraph> out = new ArrayList<>(doc.getParagraphs());
    for (XWPFTable t : doc.getTables()) {
      t.getRows().forEach(r -> r.getTableCells().forEach(c -> out.addAll(c.getParagraphs())));
    }
    return out;
  }

  /** NFC, and every run of white space (line breaks of the layout) as one space. */
  public static String flat(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ");
  }
}
