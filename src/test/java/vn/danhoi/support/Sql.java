package vn.danhoi.support;

import vn.danhoi.infra.Database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the database directly, on the test thread, to assert what the server committed. */
public final class Sql {

  private final String url;

  public Sql(String url) {
    this.url = url;
  }

  /** A connection of the test's own, for what must span statements (a transaction holding a lock); close it. */
  public Connection connect() {
    try {
      return DriverManager.getConnection(Database.jdbcUrl(url), Database.user(url), Database.password(url));
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  public List<Map<String, Object>> rows(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(Database.jdbcUrl(url), Database.user(url), Database.password(url));
         PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      List<Map<String, Object>> out = new ArrayList<>();
      if (!ps.execute()) {
        return out;
      }
      try (ResultSet rs = ps.getResultSet()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getObject(i));
          }
          out.add(row);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  public long count(String sql, Object... params) {
    return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
  }

  /**
   * The rows once the query returns any, re-reading every 50 ms for at most {@code within}: for what a background
   * job (the notices' queue) commits after the request that caused it was answered.
   */
  public List<Map<String, Object>> awaitRows(java.time.Duration within, String sql, Object... params) {
    long end = System.nanoTime() + within.toNanos();
    while (true) {
      List<Map<String, Object>> found = rows(sql, params);
      if (!found.isEmpty()) {
        return found;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("no row within " + within + ": " + sql);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public long submissions() {
    return count("SELECT count(*) FROM submissions");
  }
}
