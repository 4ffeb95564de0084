package vn.danhoi.infra;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.Tika;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * The files danhoi keeps (scanned letters and question forms, agencies' answers, session reports) on disk,
 * under dataDir (never the webroot), each under a random name. The type is what the content says (magic
 * bytes, Apache Tika), not the name the sender gave: only the types the caller allows are kept (a scan: PDF,
 * JPEG or PNG). Blocking: call on a worker.
 */
public final class FileStore {

  /** The types a scan may be, with the extension its download gets. */
  public static final Map<String, String> ALLOWED = Map.of("application/pdf", ".pdf", "image/jpeg", ".jpg",
      "image/png", ".png");
  public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  /** An agency's answer may also come as a Word document. */
  public static final Map<String, String> ANSWER_TYPES = Map.of("application/pdf", ".pdf", "image/jpeg", ".jpg",
      "image/png", ".png", DOCX, ".docx");

  public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  public static final String ODT = "application/vnd.oasis.opendocument.text";
  /** An old Word or Excel file: an OLE2 compound document, told apart by its main stream. */
  public static final String DOC = "application/msword";
  public static final String XLS = "application/vnd.ms-excel";
  /**
   * What an e-mail may bring that is kept: documents, photos (WebP and HEIC from phones) and plain text;
   * never a program, a script, HTML or an archive. Old Word and Excel files are kept because offices still send
   * them; their macros are Office's to block (a macro-enabled DOCM/XLSM is neither DOCX nor XLSX and is refused).
   */
  public static final Map<String, String> MAIL_TYPES = Map.ofEntries(Map.entry("application/pdf", ".pdf"),
      Map.entry("image/jpeg", ".jpg"), Map.entry("image/png", ".png"), Map.entry("image/gif", ".gif"),
      Map.entry("image/webp", ".webp"), Map.entry("image/heic", ".heic"), Map.entry("image/heif", ".heif"),
      Map.entry(DOCX, ".docx"), Map.entry(XLSX, ".xlsx"), Map.entry(ODT, ".odt"), Map.entry(DOC, ".doc"),
      Map.entry(XLS, ".xls"), Map.entry("text/plain", ".txt"));

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Tika TIKA = new Tika();

  private final Path dir;

  public FileStore(Path dataDir) {
    this.dir = dataDir.resolve("attachments");
  }

  public record Kept(String storedName, String mediaType, long size, String sha256) {
  }

  /** Where uploads are written while the request arrives: same disk, so keeping one is a rename. */
  public Path uploadsDir() {
    return dir.resolve("incoming");
  }

  /** Checks the uploaded file's content and moves it in under a random name; refuses other types with 415. */
  public Kept keep(Path upload, String field) throws IOException {
    return keep(upload, field, ALLOWED, "Tệp quét phải là PDF, JPEG hoặc PNG");
  }

  /** The same, for files of the given types; {@code refusal} begins the message when the type is not one. */
  public Kept keep(Path upload, String field, Map<String, String> allowed, String refusal) throws IOException {
    String type = detect(upload, field, allowed);
    if (!allowed.containsKey(type)) {
      throw new ApiError(415, field + ".unsupported_type", field,
          refusal + " (nội dung tệp gửi lên là " + type + ").", null);
    }
    return keepAs(upload, type);
  }

  /**
   * What the file's content is (magic bytes, Apache Tika; a container is opened to tell a Word, Excel or
   * OpenDocument file from any ZIP or OLE2 file, the former under the zip-bomb limits, a 413 naming
   * {@code field} otherwise). Containers are only opened when {@code allowed} holds a type they could be.
   */
  public static String detect(Path upload, String field, Map<String, String> allowed) throws IOException {
    String type;
    try (InputStream in = Files.newInputStream(upload)) {
      // the stream alone, without the file name: a name ending in .pdf proves nothing
      type = TIKA.detect(in);
    }
    if ((type.equals("application/x-tika-ooxml") || type.equals("application/zip") || type.equals(DOCX)
        || type.equals(XLSX) || type.equals(ODT))
        && (allowed.containsKey(DOCX) || allowed.containsKey(XLSX) || allowed.containsKey(ODT))) {
      // tika-core sees a ZIP container; a document is the one with its main part, and it is inflated under the
      // zip-bomb limits before it is kept
      String inside = OoxmlFiles.packageType(upload, field);
      return inside != null ? inside : "application/zip";
    }
    if (type.equals("application/x-tika-msoffice") && (allowed.containsKey(DOC) || allowed.containsKey(XLS))) {
      return oleType(upload);
    }
    return type;
  }

  /** An OLE2 compound file's kind, by the stream Word and Excel put their content in. */
  private static String oleType(Path file) {
    try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
      DirectoryEntry root = fs.getRoot();
      if (root.hasEntry("WordDocument")) {
        return DOC;
      }
      if (root.hasEntry("Workbook") || root.hasEntry("Book")) {
        return XLS;
      }
      return "application/x-tika-msoffice";
    } catch (IOException | RuntimeException e) {
      return "application/x-tika-msoffice";
    }
  }

  /** Moves in an upload whose type the caller already checked by content (other kinds of documents). */
  public Kept keepAs(Path upload, String type) throws IOException {
    Files.createDirectories(dir);
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String name = HexFormat.of().formatHex(random);
    Path target = dir.resolve(name);
    Files.move(upload, target, StandardCopyOption.ATOMIC_MOVE);
    return new Kept(name, type, Files.size(target), sha256(target));
  }

  public Path path(String storedName) {
    if (!storedName.matches("^[0-9a-f]{32}$")) {
      throw new IllegalArgumentException("not a stored name");
    }
    return dir.resolve(storedName);
  }

  public void delete(String storedName) {
    try {
      Files.deleteIfExists(path(storedName));
    } catch (IOException e) {
      // a file left behind holds no row; it is harmless and found by its absence from the table
    }
  }

  /** A download name that cannot break a header or a path: the sender's name, its extension from the type. */
  public static String downloadName(String fileName, String mediaType) {
    return downloadName(fileName, mediaType, "ban-quet");
  }

  /** The same, with the name to use when the sender gave none. */
  public static String downloadName(String fileName, String mediaType, String unnamed) {
    String base = VietnameseText.clean(fileName == null ? "" : fileName);
    base = base == null ? "" : base.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
    int dot = base.lastIndexOf('.');
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    if (base.isBlank()) {
      base = unnamed;
    }
    return base + MAIL_TYPES.getOrDefault(mediaType, ".bin");
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
