package vn.danhoi.support;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import vn.danhoi.infra.FileStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Office documents as people send them (Word, Excel, OpenDocument text), and archives that pass for one but
 * inflate like a zip bomb: the main part is megabytes of zeros, about a thousandth of that once deflated.
 */
public final class OfficeFiles {

  private OfficeFiles() {
  }

  public static byte[] docx(String text) {
    try (XWPFDocument d = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      d.createParagraph().createRun().setText(text);
      d.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] xlsx(String sheet, String cell) {
    try (XSSFWorkbook w = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      w.createSheet(sheet).createRow(0).createCell(0).setCellValue(cell);
      w.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The least an OpenDocument text is: its type, stored first and uncompressed, and its content. */
  public static byte[] odt(String content) {
    return new Zip().mimetype(FileStore.ODT).entry("content.xml", content.getBytes(StandardCharsets.UTF_8)).bytes();
  }

  /** A Word package whose document part inflates to {@code megabytes} MB. */
  public static byte[] wordBomb(int megabytes) {
    return new Zip().entry("[Content_Types].xml", contentTypes("/word/document.xml",
            "wordprocessingml.document.main+xml"))
        .zeros("word/document.xml", megabytes).bytes();
  }

  /** An Excel package whose workbook part inflates to {@code megabytes} MB. */
  public static byte[] excelBomb(int megabytes) {
    return new Zip().entry("[Content_Types].xml", contentTypes("/xl/workbook.xml", "spreadsheetml.sheet.main+xml"))
        .zeros("xl/workbook.xml", megabytes).bytes();
  }

  /** An OpenDocument text whose content inflates to {@code megabytes} MB. */
  public static byte[] odtBomb(int megabytes) {
    return new Zip().mimetype(FileStore.ODT).zeros("content.xml", megabytes).bytes();
  }

  private static byte[] contentTypes(String part, String type) {
    return ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Override PartName=\"" + part + "\" ContentType=\"application/vnd.openxmlformats-officedocument." + type
        + "\"/></Types>").getBytes(StandardCharsets.UTF_8);
  }

  /** A ZIP archive written entry by entry, deflated as hard as it goes. */
  private static final class Zip {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(out);

    Zip() {
      zip.setLevel(9);
    }

    /** OpenDocument's first entry: the type, stored, so it can be read at a fixed offset. */
    Zip mimetype(String type) {
      byte[] bytes = type.getBytes(StandardCharsets.US_ASCII);
      ZipEntry e = new ZipEntry("mimetype");
      e.setMethod(ZipEntry.STORED);
      e.setSize(bytes.length);
      CRC32 crc = new CRC32();
      crc.update(bytes);
      e.setCrc(crc.getValue());
      return put(e, bytes, 1);
    }

    Zip entry(String name, byte[] bytes) {
      return put(new ZipEntry(name), bytes, 1);
    }

    Zip zeros(String name, int megabytes) {
      return put(new ZipEntry(name), new byte[1024 * 1024], megabytes);
    }

    private Zip put(ZipEntry e, byte[] bytes, int times) {
      try {
        zip.putNextEntry(e);
        for (int i = 0; i < times; i++) {
          zip.write(bytes);
        }
        zip.closeEntry();
        return this;
      } catch (IOException x) {
        throw new UncheckedIOException(x);
      }
    }

    byte[] bytes() {
      try {
        zip.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }
}
