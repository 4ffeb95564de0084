package vn.danhoi.infra;

import io.vertx.ext.web.Router;

/** A feature's HTTP routes, registered in one place. */
public interface HttpRoutes {
  void mount(Router router);
}
