package vn.danhoi.document;

import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;

import java.math.BigInteger;

/**
 * The page and type of a Vietnamese administrative document (Decree 30/2020/ND-CP) as a DOCX: A4, margins
 * of 2 cm top and bottom, 3 cm left, 2 cm right, Times New Roman, and the borderless two-column blocks of
 * the heading and the signature, the rules under the heading's lines and the page numbers from page 2. Only
 * {@link DocumentDocx} lays a document out with them, so a change to the rules is made once.
 */
final class OfficialDocx {

  public static final String FONT = "Times New Roman";
  /** One centimetre in twentieths of a point. */
  public static final int CM = 567;
  public static final int A4_WIDTH = 11_906;
  public static final int A4_HEIGHT = 16_838;
  /** The text width: A4 less the left (3 cm) and right (2 cm) margins. */
  public static final int TEXT_WIDTH = A4_WIDTH - 5 * CM;

  private OfficialDocx() {
  }

  /** A4 with the decree's margins. */
  public static void page(XWPFDocument doc) {
    CTSectPr section = doc.getDocument().getBody().isSetSectPr() ? doc.getDocument().getBody().getSectPr()
        : doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = section.addNewPgSz();
    size.setW(BigInteger.valueOf(A4_WIDTH));
    size.setH(BigInteger.valueOf(A4_HEIGHT));
    CTPageMar margins = section.addNewPgMar();
    margins.setTop(BigInteger.valueOf(2 * CM));
    margins.setBottom(BigInteger.valueOf(2 * CM));
    margins.setLeft(BigInteger.valueOf(3 * CM));
    margins.setRight(BigInteger.valueOf(2 * CM));
  }

  public static XWPFTable borderless(XWPFDocument doc, int rows, int cols) {
    XWPFTable table = doc.createTable(rows, cols);
    table.setTableAlignment(TableRowAlign.CENTER);
    table.removeBorders();
    return table;
  }

  /** Column widths in twentieths of a point, on the grid and on every cell, so every word processor keeps them. */
  public static void widths(XWPFTable table, int... twips) {
    CTTblGrid grid = table.getCTTbl().getTblGrid() != null ? table.getCTTbl().getTblGrid()
        : table.getCTTbl().addNewTblGrid();
    while (grid.sizeOfGridColArray() > 0) {
      grid.removeGridCol(0);
    }
    int total = 0;
    for (int w : twips) {
      grid.addNewGridCol().setW(BigInteger.valueOf(w));
      total += w;
    }
    for (XWPFTableRow row : table.getRows()) {
      for (int c = 0; c < twips.length; c++) {
        row.getCell(c).setWidth(Integer.toString(twips[c]));
      }
    }
    table.setWidth(Integer.toString(total));
  }

  /** A centred line in a cell: into its first, empty paragraph, then into new ones. */
  public static XWPFParagraph line(XWPFTableCell cell, String text, int size, boolean bold, boolean italic) {
    return centre(nextParagraph(cell), text, size, bold, italic);
  }

  public static XWPFParagraph centred(XWPFDocument doc, String text, int size, boolean bold, boolean italic) {
    return centre(doc.createParagraph(), text, size, bold, italic);
  }

  /** A body paragraph: justified, the first line indented by a centimetre, 14 pt, 6 pt after. */
  public static XWPFParagraph paragraph(XWPFDocument doc, String text, boolean bold) {
    XWPFParagraph p = doc.createParagraph();
    p.setAlignment(ParagraphAlignment.BOTH);
    p.setSpacingAfter(60);
    p.setFirstLineIndent(CM);
    run(p, text, 14, bold, false);
    return p;
  }

  public static void run(XWPFParagraph p, String text, int size, boolean bold, boolean italic) {
    XWPFRun run = p.createRun();
    run.setFontFamily(FONT);
    run.setFontSize(size);
    run.setBold(bold);
    run.setItalic(italic);
    run.setText(text);
  }

  /**
   * Page numbers centred at the top from page 2 (the decree: Arabic numerals, 13-14 pt, none on the first
   * page): a PAGE field in the default header, and an empty header for a first page of its own.
   */
  public static void pageNumbers(XWPFDocument doc, int size) {
    XWPFHeader first = doc.createHeader(HeaderFooterType.FIRST);
    first.createParagraph();
    CTSectPr section = doc.getDocument().getBody().getSectPr();
    if (!section.isSetTitlePg()) {
      section.addNewTitlePg();
    }
    XWPFParagraph p = doc.createHeader(HeaderFooterType.DEFAULT).createParagraph();
    p.setAlignment(ParagraphAlignment.CENTER);
    XWPFRun begin = p.createRun();
    begin.getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
    XWPFRun instruction = p.createRun();
    instruction.getCTR().addNewInstrText().setStringValue(" PAGE ");
    XWPFRun separate = p.createRun();
    separate.getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
    XWPFRun shown = p.createRun();
    shown.setFontFamily(FONT);
    shown.setFontSize(size);
    shown.setText("2");
    XWPFRun end = p.createRun();
    end.getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
  }

  /**
   * A rule centred under the line above it, {@code length} twentieths of a point long in a cell or a page
   * {@code width} wide: an empty paragraph with a top border, indented from both sides.
   */
  public static XWPFParagraph rule(XWPFParagraph p, int length, int width) {
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingAfter(0);
    p.setSpacingBefore(0);
    p.setBorderTop(Borders.SINGLE);
    int indent = Math.max(0, (width - length) / 2);
    p.setIndentationLeft(indent);
    p.setIndentationRight(indent);
    // the paragraph itself as thin as it can be: one point of height
    XWPFRun r = p.createRun();
    r.setFontSize(1);
    return p;
  }

  public static XWPFParagraph nextParagraph(XWPFTableCell cell) {
    XWPFParagraph first = cell.getParagraphs().get(0);
    return first.getRuns().isEmpty() ? first : cell.addParagraph();
  }

  private static XWPFParagraph centre(XWPFParagraph p, String text, int size, boolean bold, boolean italic) {
    p.setAlignment(ParagraphAlignment.CENTER);
    p.setSpacingAfter(0);
    run(p, text, size, bold, italic);
    return p;
  }
}
