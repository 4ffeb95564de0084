package vn.danhoi.infra;

import com.lowagie.text.pdf.BaseFont;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fonts embedded in the PDFs we write, each with every Vietnamese letter, so the text extracts back
 * intact: DejaVu Sans (bundled under {@code fonts/} with its licence) for the data sheets, and for the
 * documents the council office signs Liberation Serif (SIL Open Font License, from openpdf-fonts-extra),
 * metric-compatible with the Times New Roman Decree 30/2020/ND-CP asks for.
 */
public final class PdfFonts {

  public static final BaseFont REGULAR = font("fonts/DejaVuSans.ttf");
  public static final BaseFont BOLD = font("fonts/DejaVuSans-Bold.ttf");
  public static final BaseFont SERIF = font("liberation/LiberationSerif-Regular.ttf");
  public static final BaseFont SERIF_BOLD = font("liberation/LiberationSerif-Bold.ttf");
  public static final BaseFont SERIF_ITALIC = font("liberation/LiberationSerif-Italic.ttf");
  public static final BaseFont SERIF_BOLD_ITALIC = font("liberation/LiberationSerif-BoldItalic.ttf");

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
