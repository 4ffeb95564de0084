package vn.danhoi.infra;

import com.lowagie.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans, bundled under {@code fonts/} with its licence and embedded in every PDF we write: every
 * Vietnamese letter has a glyph and the text extracts back intact.
 */
public final class PdfFonts {

  public static final BaseFont REGULAR = font("fonts/DejaVuSans.ttf");
  public static final BaseFont BOLD = font("fonts/DejaVuSans-Bold.ttf");

  private PdfFonts() {
  }

  private static BaseFont font(String resource) {
    try (InputStream in = PdfFonts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing font " + resource);
      }
      return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
