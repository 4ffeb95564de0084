package vn.danhoi.session;

import org.apache.tika.Tika;
import vn.danhoi.infra.ApiError;
import vn.danhoi.infra.FileStore;
import vn.danhoi.infra.OoxmlFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Agencies' written reports on disk: PDF or DOCX, told by their content (never by the name the sender gave),
 * kept like scans under dataDir, outside the webroot. Blocking: call on a worker.
 */
public final class ReportFiles {

  static final String PDF = "application/pdf";
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final Map<String, String> EXTENSIONS = Map.of(PDF, ".pdf", DOCX, ".docx");

  private static final Tika TIKA = new Tika();

  private final FileStore files;

  public ReportFiles(FileStore files) {
    this.files = files;
  }

  public Path uploadsDir() {
    return files.uploadsDir();
  }

  public Path path(String storedName) {
    return files.path(storedName);
  }

  public void delete(String storedName) {
    files.delete(storedName);
  }

  public FileStore.Kept keep(Path upload) throws IOException {
    String type = type(upload);
    if (type == null) {
      throw new ApiError(415, "report.unsupported_type", "report",
          "Báo cáo phải là tệp PDF hoặc DOCX (nội dung tệp gửi lên không phải PDF hay DOCX).", null);
    }
    return files.keepAs(upload, type);
  }

  /** PDF or DOCX by content, else null. */
  static String type(Path upload) throws IOException {
    String detected;
    try (InputStream in = Files.newInputStream(upload)) {
      detected = TIKA.detect(in);
    }
    if (PDF.equals(detected)) {
      return PDF;
    }
    if (detected.equals("application/zip") || detected.equals("application/x-tika-ooxml") || detected.equals(DOCX)) {
      // tika-core sees an Office Open XML package: a Word document within the zip-bomb limits, or refused
      return OoxmlFiles.isWordDocument(upload, "report") ? DOCX : null;
    }
    return null;
  }
}
