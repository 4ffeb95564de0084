package vn.danhoi.infra;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

import java.util.List;

/**
 * What every spreadsheet staff download has in common (the register, reports, follow-up of conclusions,
 * dialogue reports): a bold header row that stays in view while scrolling, and cells written by type so a
 * count can be summed in Excel. A string cell is never evaluated as a formula, so text needs no escaping.
 */
public final class Sheets {

  private Sheets() {
  }

  public static CellStyle bold(Workbook book) {
    CellStyle bold = book.createCellStyle();
    Font font = book.createFont();
    font.setBold(true);
    bold.setFont(font);
    return bold;
  }

  /** Row 0 in bold, frozen. */
  public static void header(Sheet sheet, CellStyle bold, List<?> names) {
    row(sheet, 0, bold, names.toArray());
    sheet.createFreezePane(0, 1);
  }

  /** Numbers go in as numbers; a null leaves the cell empty; {@code style} may be null. */
  public static void row(Sheet sheet, int at, CellStyle style, Object... cells) {
    Row row = sheet.createRow(at);
    for (int k = 0; k < cells.length; k++) {
      Object v = cells[k];
      if (v == null) {
        continue;
      }
      Cell cell = row.createCell(k);
      if (v instanceof Number num) {
        cell.setCellValue(num.doubleValue());
      } else {
        cell.setCellValue(v.toString());
      }
      if (style != null) {
        cell.setCellStyle(style);
      }
    }
  }
}
