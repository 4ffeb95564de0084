package vn.danhoi.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import vn.danhoi.infra.AppConfig;
import vn.danhoi.infra.Secrets;
import vn.danhoi.infra.Tokens;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The first accounts: the admin named by DANHOI_BOOTSTRAP_ADMIN / DANHOI_BOOTSTRAP_PASSWORD, created once,
 * and in the embedded demo only, one account per role with passwords kept in the data directory.
 */
public final class StaffBootstrap {

  record Demo(String username, String displayName, Role role, String agency) {
  }

  private static final List<Demo> DEMO = List.of(
      new Demo("admin", "Văn phòng HĐND (quản trị)", Role.ADMIN, null),
      new Demo("bientap", "Ban Biên tập", Role.EDITOR, null),
      new Demo("tongdai", "Tổng đài viên", Role.OPERATOR, null),
      new Demo("truongquay", "Trường quay", Role.STUDIO, null),
      new Demo("socongthuong", "Sở Công Thương", Role.AGENCY, "Sở Công Thương"));

  private StaffBootstrap() {
  }

  /**
   * Returns the demo accounts whose passwords are kept in the data directory, with their roles (empty outside
   * the demo). The passwords stay in that file: what is returned is printed.
   */
  public static Future<Map<String, Role>> ensure(Vertx vertx, AppConfig config, StaffStore store,
                                                   PasswordHasher hasher) {
    AppConfig.Security s = config.security();
    Future<Void> admin = s.bootstrapAdmin().isEmpty() ? Future.succeededFuture()
        : checked(vertx, s).compose(password -> create(store, hasher,
            new Demo(s.bootstrapAdmin(), "Quản trị", Role.ADMIN, null), password));
    if (!config.stores().demoData()) {
      return admin.map(v -> Map.of());
    }
    List<String> names = DEMO.stream().map(Demo::username).toList();
    return admin.compose(v -> vertx.executeBlocking(() -> Secrets.demoPasswords(config.stores().dataDir(), names,
        StaffBootstrap::demoPassword)))
        .compose(passwords -> {
          List<Future<Void>> all = new ArrayList<>();
          DEMO.forEach(d -> all.add(create(store, hasher, d, passwords.get(d.username()))));
          Map<String, Role> shown = new LinkedHashMap<>();
          DEMO.forEach(d -> shown.put(d.username(), d.role()));
          // an admin named by DANHOI_BOOTSTRAP_ADMIN keeps the password given there
          shown.remove(s.bootstrapAdmin());
          return Future.all(all).map(v -> shown);
        });
  }

  /** 16 random characters (96 bits); drawn again in the rare case the strength rule sees a pattern in them. */
  static String demoPassword(String username) {
    String password;
    do {
      password = Tokens.generate().substring(3, 19);
    } while (PasswordPolicy.weakness(password, username) != null);
    return password;
  }

  /** The same rule as every other password; checked even when the admin exists, so a weak one never stays. */
  private static Future<String> checked(Vertx vertx, AppConfig.Security s) {
    return vertx.executeBlocking(() -> {
      String why = PasswordPolicy.weakness(s.bootstrapPassword(), s.bootstrapAdmin(), "Quản trị");
      if (why != null) {
        throw new AppConfig.ConfigException("DANHOI_BOOTSTRAP_PASSWORD: too weak for the admin named by "
            + "DANHOI_BOOTSTRAP_ADMIN (" + why + ")");
      }
      return s.bootstrapPassword();
    }, false);
  }

  private static Future<Void> create(StaffStore store, PasswordHasher hasher, Demo d, String password) {
    return store.byUsername(d.username()).compose(existing -> existing != null ? Future.succeededFuture()
        : hasher.hash(password).compose(hash -> store.create(new StaffAccount(UUID.randomUUID(), d.username(),
            d.displayName(), hash, EnumSet.of(d.role()), d.agency(), true, 0, null, null), "system:bootstrap", null))
            .mapEmpty());
  }
}
