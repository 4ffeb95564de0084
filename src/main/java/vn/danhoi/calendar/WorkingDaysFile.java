package vn.danhoi.calendar;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Prints the legal defaults of the given years in the format of config/working-days.json, to add coming
 * years to the file before the government's decisions are known:
 * {@code mvn -q compile exec:java -Dexec.mainClass=vn.danhoi.calendar.WorkingDaysFile -Dexec.args="2031 2035"}.
 */
public final class WorkingDaysFile {

  private WorkingDaysFile() {
  }

  public static void main(String[] args) {
    int from = Integer.parseInt(args[0]);
    int to = args.length > 1 ? Integer.parseInt(args[1]) : from;
    StringBuilder out = new StringBuilder();
    for (int y = from; y <= to; y++) {
      out.append(y > from ? ",\n" : "").append(format(LegalHolidays.forYear(y).toJson(), y));
    }
    System.out.println(out);
  }

  /** One entry a line, the way the file is laid out for people to edit. */
  static String format(JsonObject year, int y) {
    StringBuilder out = new StringBuilder("    \"" + y + "\": {\n      \"source\": ")
        .append(quote(year.getString("source"))).append(",\n");
    for (String list : new String[] {"daysOff", "workingDays"}) {
      out.append("      \"").append(list).append("\": [");
      var days = year.getJsonArray(list);
      for (int i = 0; i < days.size(); i++) {
        out.append(i == 0 ? "\n" : ",\n").append("        ").append(days.getJsonObject(i).encode());
      }
      out.append(days.isEmpty() ? "]" : "\n      ]").append("daysOff".equals(list) ? ",\n" : "\n");
    }
    return out.append("    }").toString();
  }

  private static String quote(String s) {
    String array = new JsonArray().add(s).encode();
    return array.substring(1, array.length() - 1);
  }
}
