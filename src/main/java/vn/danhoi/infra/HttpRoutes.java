package vn.danhoi.infra;

import io.vertx.ext.web.Router;

/** A feature's HTTP routes, registered in one place. */
public interface HttpRoutes {
  void mount(Router router);

  /** Routes that read their own, larger bodies (file uploads): mounted before the global body limit. */
  default void mountUploads(Router router) {
  }
}
