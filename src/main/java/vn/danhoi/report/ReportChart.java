package vn.danhoi.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's charts as SVG drawn on the server: stacked horizontal bars, a row per channel, field, commune, province
 * or agency. Every word from the data is escaped, and the page shows the SVG through an img, where no script runs.
 */
final class ReportChart {

  static final int TOP_ROWS = 12;
  static final List<String> KINDS = List.of("channel", "field", "locality", "province", "agency", "timeliness");
  private static final int WIDTH = 760;
  private static final int LABEL = 230;
  private static final int BAR = 440;
  private static final int ROW = 26;
  private static final int FIRST_ROW = 68;

  /** One coloured part of a bar. */
  record Series(String vi, String en, String colour) {
  }

  static final List<Series> OUTCOME = List.of(new Series("Trả lời tại chương trình", "Answered on air", "#1b7f5b"),
      new Series("Trả lời sau chương trình", "Answered after", "#2f6fb0"),
      new Series("Chưa trả lời", "Pending", "#d98c1f"));
  static final List<Series> TIMELINESS = List.of(new Series("Đúng hạn", "On time", "#1b7f5b"),
      new Series("Trễ hạn", "Late", "#d98c1f"), new Series("Quá hạn, chưa trả lời", "Overdue", "#c0392b"),
      new Series("Chưa đến hạn", "Not yet due", "#8a96a3"));

  record Bar(String label, long[] parts) {
    long total() {
      long t = 0;
      for (long p : parts) {
        t += p;
      }
      return t;
    }
  }

  private ReportChart() {
  }

  /** "channel", "field", "locality", "province", "agency" or "timeliness"; null for anything else. */
  static String svg(Report r, String by, boolean english) {
    if ("timeliness".equals(by)) {
      List<Bar> bars = new ArrayList<>();
      r.agencies().forEach(t -> bars.add(new Bar(t.agency(), new long[] {t.onTime(), t.late(), t.overdue(),
          t.notDue()})));
      return draw(english ? "Agencies: answers on time and late" : "Cơ quan trả lời: đúng hạn và trễ hạn",
          TIMELINESS, bars, english);
    }
    Report.Dimension d = Report.Dimension.of(by);
    if (d == null) {
      return null;
    }
    List<Bar> bars = new ArrayList<>();
    r.breakdowns().get(d).forEach(b -> bars.add(new Bar(b.label(d), new long[] {b.onAir(), b.after(), b.pending()})));
    return draw((english ? "Questions by " + d.en.toLowerCase(Locale.ROOT) : "Câu hỏi theo " + d.vi.toLowerCase(
        Locale.forLanguageTag("vi"))), OUTCOME, bars, english);
  }

  /** The biggest rows, the rest added up as one "other" row so a chart stays readable. */
  static List<Bar> top(List<Bar> bars, boolean english) {
    if (bars.size() <= TOP_ROWS) {
      return bars;
    }
    List<Bar> out = new ArrayList<>(bars.subList(0, TOP_ROWS - 1));
    long[] rest = new long[bars.get(0).parts().length];
    for (Bar b : bars.subList(TOP_ROWS - 1, bars.size())) {
      for (int i = 0; i < rest.length; i++) {
        rest[i] += b.parts()[i];
      }
    }
    int others = bars.size() - TOP_ROWS + 1;
    out.add(new Bar((english ? "Other (" : "Khác (") + others + ")", rest));
    return out;
  }

  private static String draw(String title, List<Series> series, List<Bar> all, boolean english) {
    List<Bar> bars = top(all, english);
    long max = Math.max(1, bars.stream().mapToLong(Bar::total).max().orElse(0));
    int height = FIRST_ROW + Math.max(1, bars.size()) * ROW + 12;
    StringBuilder s = new StringBuilder(2048);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-label=\"")
        .append(escape(title)).append("\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"13\">")
        .append("<title>").append(escape(title)).append("</title>")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        .append("<text x=\"8\" y=\"22\" font-size=\"16\" font-weight=\"bold\" fill=\"#1a1a1a\">").append(escape(title))
        .append("</text>");
    int x = 8;
    for (Series k : series) {
      String name = english ? k.en() : k.vi();
      s.append("<rect x=\"").append(x).append("\" y=\"36\" width=\"12\" height=\"12\" fill=\"").append(k.colour())
          .append("\"/><text x=\"").append(x + 17).append("\" y=\"47\" fill=\"#333333\">").append(escape(name))
          .append("</text>");
      x += 32 + name.length() * 7;
    }
    if (bars.isEmpty()) {
      s.append("<text x=\"8\" y=\"").append(FIRST_ROW + 16).append("\" fill=\"#555555\">")
          .append(english ? "No figures for this period." : "Chưa có số liệu trong kỳ này.").append("</text>");
    }
    int y = FIRST_ROW;
    for (Bar b : bars) {
      s.append("<text x=\"").append(LABEL - 8).append("\" y=\"").append(y + 17).append("\" text-anchor=\"end\" ")
          .append("fill=\"#1a1a1a\">").append(escape(shorten(b.label()))).append("</text>");
      double at = LABEL;
      for (int i = 0; i < b.parts().length; i++) {
        double w = (double) BAR * b.parts()[i] / max;
        if (w > 0) {
          s.append("<rect x=\"").append(fmt(at)).append("\" y=\"").append(y + 4).append("\" width=\"").append(fmt(w))
              .append("\" height=\"").append(ROW - 8).append("\" fill=\"").append(series.get(i).colour())
              .append("\"><title>").append(escape((english ? series.get(i).en() : series.get(i).vi()) + ": "
                  + b.parts()[i])).append("</title></rect>");
        }
        at += w;
      }
      s.append("<text x=\"").append(fmt(at + 6)).append("\" y=\"").append(y + 17).append("\" fill=\"#1a1a1a\">")
          .append(b.total()).append("</text>");
      y += ROW;
    }
    return s.append("</svg>").toString();
  }

  private static String shorten(String label) {
    String l = label == null ? Report.NONE : label;
    return l.codePointCount(0, l.length()) <= 30 ? l : l.substring(0, l.offsetByCodePoints(0, 29)) + "…";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
