package vn.danhoi.infra;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.util.ZipSecureFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;

/**
 * Office Open XML uploads (a Word document is a ZIP archive; so are the Excel and OpenDocument files an e-mail
 * brings) are opened under POI's zip-bomb limits and inflated entry by entry before one is kept: a few
 * kilobytes that unpack to gigabytes would otherwise reach the staff who open it, or any code that reads it
 * with POI. The limits are set once, at start-up.
 */
public final class OoxmlFiles {

  /** Below this compressed/uncompressed ratio an entry is a bomb (text compresses to ~0.1 at best). */
  static final double MIN_INFLATE_RATIO = 0.01;
  static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;
  static final long MAX_TOTAL_BYTES = 128L * 1024 * 1024;
  static final int MAX_ENTRIES = 1000;

  private OoxmlFiles() {
  }

  /** POI's process-wide limits, for this check and for any POI reading of an archive. */
  public static void applyLimits() {
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    ZipSecureFile.setMaxFileCount(MAX_ENTRIES);
  }

  /**
   * Whether the file is a Word document (a package with its main part in word/), every entry of which
   * inflates within the limits; an archive that does not is refused with a 413 naming {@code field}. False for
   * anything that is not a readable archive or not a Word document. Blocking: call on a worker.
   */
  public static boolean isWordDocument(Path file, String field) {
    return FileStore.DOCX.equals(packageType(file, field));
  }

  /**
   * The office document a ZIP archive is: Word (DOCX), Excel (XLSX) or OpenDocument text (ODT), told by the
   * entries each must have, with every entry inflated within the limits (a 413 naming {@code field} when one
   * does not); null for anything else, including what is not a readable archive. Blocking: call on a worker.
   */
  public static String packageType(Path file, String field) {
    ZipSecureFile zip;
    try {
      zip = new ZipSecureFile(file.toFile());
    } catch (IOException notAnArchive) {
      // includes an archive of more entries than allowed
      if (String.valueOf(notAnArchive.getMessage()).startsWith(ZipSecureFile.MAX_FILE_COUNT_MSG.substring(0, 40))) {
        throw unsafe(field, null);
      }
      return null;
    }
    String type = null;
    try (zip) {
      type = kind(zip);
      if (type == null) {
        return null;
      }
      long total = 0;
      int entries = 0;
      byte[] buffer = new byte[64 * 1024];
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        if (++entries > MAX_ENTRIES) {
          throw unsafe(field, type);
        }
        try (InputStream in = zip.getInputStream(entry)) {
          int n;
          while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > MAX_TOTAL_BYTES) {
              throw unsafe(field, type);
            }
          }
        }
      }
      return type;
    } catch (IOException | RuntimeException e) {
      // POI's threshold stream reports a bomb as an IOException; a corrupt entry is refused the same way
      if (e instanceof ApiError api) {
        throw api;
      }
      throw unsafe(field, type);
    }
  }

  private static String kind(ZipSecureFile zip) throws IOException {
    if (zip.getEntry("[Content_Types].xml") != null) {
      if (zip.getEntry("word/vbaProject.bin") != null || zip.getEntry("xl/vbaProject.bin") != null) {
        // macro-enabled (DOCM, XLSM): code that would run on an editor's computer
        return null;
      }
      if (zip.getEntry("word/document.xml") != null) {
        return FileStore.DOCX;
      }
      return zip.getEntry("xl/workbook.xml") != null ? FileStore.XLSX : null;
    }
    ZipArchiveEntry mimetype = zip.getEntry("mimetype");
    if (mimetype != null && zip.getEntry("content.xml") != null && mimetype.getSize() < 100) {
      try (InputStream in = zip.getInputStream(mimetype)) {
        String declared = new String(in.readNBytes(100), StandardCharsets.US_ASCII).strip();
        return declared.equals(FileStore.ODT) ? FileStore.ODT : null;
      }
    }
    return null;
  }

  /**
   * The refusal names the document the archive was taken for (the same words for an upload and for a mail's
   * file, which the editors read); before its kind is known (too many entries, an unreadable main part) it
   * is only a compressed file.
   */
  private static ApiError unsafe(String field, String type) {
    String what = type == null ? "Tệp nén" : switch (type) {
      case FileStore.DOCX -> "Tệp Word";
      case FileStore.XLSX -> "Tệp Excel";
      case FileStore.ODT -> "Tệp văn bản OpenDocument";
      default -> "Tệp nén";
    };
    return new ApiError(413, field + ".unsafe_archive", field, what
        + " giải nén ra quá lớn hoặc bị hỏng (nghi là \"bom nén\"); hãy lưu lại tài liệu rồi gửi lại.", null);
  }
}
