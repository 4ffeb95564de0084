package vn.danhoi.intake;

import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.danhoi.infra.FileStore;
import vn.danhoi.support.Letters;
import vn.danhoi.support.OfficeFiles;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an e-mail's file is, by its bytes: the allowed types are kept whatever they were called, everything else
 * is listed with the reason, and a refused file leaves nothing on disk.
 */
class MailFilesTest {

  @TempDir
  Path dataDir;
  FileStore store;
  MailFiles files;

  @BeforeEach
  void setUp() {
    store = new FileStore(dataDir);
    files = new MailFiles(store, 64 * 1024, 100 * 1024);
  }

  @Test
  void documentsAndPhotosAreKeptAsWhatTheirContentIs() throws IOException {
    assertKept("don.pdf", Letters.PDF, "application/pdf");
    assertKept("anh.gif", "GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1),
        "image/gif");
    assertKept("anh.webp", riff("WEBPVP8 "), "image/webp");
    assertKept("IMG_0001.HEIC", heic(), "image/heic");
    assertKept("don.docx", OfficeFiles.docx("Đơn đề nghị"), FileStore.DOCX);
    assertKept("bang-ke.xlsx", OfficeFiles.xlsx("Bảng kê", "Số hộ"), FileStore.XLSX);
    assertKept("don.odt", OfficeFiles.odt("<office:document-content/>"), FileStore.ODT);
    assertKept("don-cu.doc", ole("WordDocument"), FileStore.DOC);
    assertKept("bang-cu.xls", ole("Workbook"), FileStore.XLS);
    assertKept("ghi-chu.txt", "Hộ bà Lê Thị Hoa, ấp 3, xin hỏi về giá điện.".getBytes(StandardCharsets.UTF_8),
        "text/plain");
    // a name proves nothing either way
    assertKept("khong-ten", Letters.PDF, "application/pdf");
  }

  @Test
  void whatRunsOrHidesSomethingIsListedWithWhy() throws IOException {
    assertRefused("hoa-don.pdf", "MZ\u0090\u0000\u0003\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1),
        "Loại tệp không được nhận");
    assertRefused("trang.txt", "<html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8),
        "Loại tệp không được nhận");
    assertRefused("don.docx", zip("readme.txt", "không phải tài liệu"), "Loại tệp không được nhận");
    assertRefused("ole.doc", ole("Something"), "Loại tệp không được nhận");
    assertRefused("don.docx", withEntry(OfficeFiles.docx("Đơn đề nghị"), "word/vbaProject.bin"),
        "Loại tệp không được nhận");
    assertRefused("chay.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8), "Loại tệp không được nhận");
  }

  /** Each a few kilobytes, 16 MB once inflated: listed with why, naming the kind of document it passed for. */
  @Test
  void anArchiveThatInflatesLikeAZipBombIsListedNamingTheDocumentItPassedFor() throws IOException {
    assertRefused("don.docx", OfficeFiles.wordBomb(16), "Tệp Word giải nén ra quá lớn");
    assertRefused("bang-ke.xlsx", OfficeFiles.excelBomb(16), "Tệp Excel giải nén ra quá lớn");
    assertRefused("don.odt", OfficeFiles.odtBomb(16), "Tệp văn bản OpenDocument giải nén ra quá lớn");
  }

  @Test
  void sizesArePerFileAndPerMail() throws IOException {
    byte[] big = new byte[64 * 1024 + 1];
    System.arraycopy(Letters.PDF, 0, big, 0, Letters.PDF.length);
    MailQuestion.Listed tooBig = files.take(new ByteArrayInputStream(big), "lon.pdf", "application/pdf", 0);
    assertNull(tooBig.storedName());
    assertEquals(big.length, tooBig.size());
    assertTrue(tooBig.refusedReason().startsWith("Tệp quá lớn"), tooBig.refusedReason());

    MailQuestion.Listed pastTheMail = files.take(new ByteArrayInputStream(Letters.PDF), "them.pdf",
        "application/pdf", 100 * 1024 - 10);
    assertNull(pastTheMail.storedName());
    assertTrue(pastTheMail.refusedReason().contains("tổng cộng"), pastTheMail.refusedReason());
    assertEquals(0, kept());
  }

  private void assertKept(String name, byte[] bytes, String type) throws IOException {
    MailQuestion.Listed l = files.take(new ByteArrayInputStream(bytes), name, "application/octet-stream", 0);
    assertEquals(type, l.mediaType(), name);
    assertNull(l.refusedReason(), name);
    assertArrayEquals(bytes, Files.readAllBytes(store.path(l.storedName())), name);
  }

  private void assertRefused(String name, byte[] bytes, String reason) throws IOException {
    long before = kept();
    MailQuestion.Listed l = files.take(new ByteArrayInputStream(bytes), name, "application/pdf", 0);
    assertNull(l.storedName(), name);
    assertTrue(l.refusedReason().startsWith(reason), name + ": " + l.refusedReason());
    assertEquals(before, kept(), "nothing of a refused file stays on disk");
  }

  private long kept() throws IOException {
    Path dir = dataDir.resolve("attachments");
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  private static byte[] riff(String kind) {
    byte[] b = new byte[32];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
    b[4] = 24;
    System.arraycopy(kind.getBytes(StandardCharsets.US_ASCII), 0, b, 8, kind.length());
    return b;
  }

  private static byte[] heic() {
    byte[] b = new byte[40];
    b[3] = 24;
    byte[] box = "ftypheic\u0000\u0000\u0000\u0000mif1heic".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(box, 0, b, 4, box.length);
    return b;
  }

  /** The archive with one more entry (a macro project makes a DOCX a DOCM). */
  private static byte[] withEntry(byte[] archive, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
         ZipOutputStream z = new ZipOutputStream(out)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        z.putNextEntry(new ZipEntry(e.getName()));
        in.transferTo(z);
        z.closeEntry();
      }
      z.putNextEntry(new ZipEntry(name));
      z.write(new byte[64]);
      z.closeEntry();
    }
    return out.toByteArray();
  }

  private static byte[] zip(String name, String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry(name));
      z.write(text.getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    return out.toByteArray();
  }

  private static byte[] ole(String stream) throws IOException {
    try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      fs.createDocument(new ByteArrayInputStream(new byte[4096]), stream);
      fs.writeFilesystem(out);
      return out.toByteArray();
    }
  }
}
