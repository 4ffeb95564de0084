package vn.danhoi.infra;

import java.io.Serial;
import java.util.HashMap;

/**
 * The values of a statement written with named parameters ({@code #{name}}, run through Vert.x's
 * {@code SqlTemplate}), each set beside its name. Unlike {@code Map.of} it takes nulls, which SQL needs.
 */
public final class SqlParams extends HashMap<String, Object> {

  @Serial
  private static final long serialVersionUID = 1L;

  public static SqlParams of(String name, Object value) {
    return new SqlParams().and(name, value);
  }

  public SqlParams and(String name, Object value) {
    put(name, value);
    return this;
  }
}
