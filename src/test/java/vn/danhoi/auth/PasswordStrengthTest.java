package vn.danhoi.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.danhoi.auth.StaffClient.Account;
import vn.danhoi.auth.StaffClient.Reply;
import vn.danhoi.infra.Secrets;
import vn.danhoi.support.NodeUnderTest;
import vn.danhoi.support.TestNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.danhoi.auth.StaffClient.assertError;
import static vn.danhoi.auth.StaffClient.newAddress;

/**
 * Every place a staff password is set refuses a guessable one with a 400 naming {@code password} and saying
 * why in Vietnamese: account creation, the admin's reset, and the bootstrap admin at start-up. Long passphrases,
 * Vietnamese ones with diacritics included, pass.
 */
@ExtendWith(VertxExtension.class)
class PasswordStrengthTest {

  /** The examples, then what people on this system would try next. */
  static final List<String> WEAK = List.of("aaaaaaaaaa", "password12", "          ", "matkhau123", "Matkhau@2024",
      "hanoi12345", "1234567890", "qwertyuiop", "admin12345", "danhoi2026!", "mật khẩu mới", "abcdefghijkl",
      "P@ssw0rd2024");

  @RegisterExtension
  static final NodeUnderTest NODE = NodeUnderTest.create().with("DANHOI_TRUST_PROXY", "true");

  static TestNode node;
  static StaffClient staff;
  static final AtomicInteger SEQ = new AtomicInteger();

  @BeforeAll
  static void start() {
    node = NODE.node();
    staff = new StaffClient(node);
  }

  @AfterAll
  static void stop() {
    if (staff != null) {
      staff.close();
    }
  }

  @Test
  void weakPasswordsAreRefusedWhenAnAccountIsCreated() {
    for (String weak : WEAK) {
      String username = "kt.yeu" + SEQ.incrementAndGet();
      Reply r = create(username, "Phan Văn Yếu", weak);
      assertWeak(r, weak);
      assertError(staff.login(username, weak, newAddress(), null), 401, "auth.invalid_credentials");
    }
    // the user's own names are the first words an attacker tries
    assertWeak(create("kt.nguyenvanan", "Nguyễn Văn An", "kt.nguyenvanan1"), "the username");
    assertWeak(create("kt.tranthibinh", "Trần Thị Bình", "tranthibinh2026"), "the display name");
  }

  @Test
  void aLongVietnamesePassphraseIsAccepted() {
    String username = "kt.cumtu" + SEQ.incrementAndGet();
    String passphrase = "một mật khẩu dài của văn phòng";
    Reply r = create(username, "Lý Thị Cụm Từ", passphrase);
    assertEquals(201, r.status(), r.toString());
    assertEquals(200, staff.login(username, passphrase, newAddress(), null).status());
  }

  @Test
  void weakPasswordsAreRefusedWhenAnAdminResetsOne() {
    Account an = staff.createStaff("kt.datlai" + SEQ.incrementAndGet(), "Hà Văn Đặt Lại",
        "Gió-mùa-đông-bắc-tràn-về-" + SEQ.incrementAndGet(), null, "editor");
    for (String weak : WEAK) {
      Reply r = staff.post("/api/staff/" + an.id() + "/password", new JsonObject().put("password", weak))
          .bearer(TestNode.ADMIN_TOKEN).send();
      assertWeak(r, weak);
    }
    assertEquals(200, staff.login(an.username(), an.password(), newAddress(), null).status(),
        "a refused reset leaves the old password in place");
    String strong = "nắng sớm trên cánh đồng lúa chín";
    Reply ok = staff.post("/api/staff/" + an.id() + "/password", new JsonObject().put("password", strong))
        .bearer(TestNode.ADMIN_TOKEN).send();
    assertEquals(200, ok.status(), ok.toString());
    assertEquals(200, staff.login(an.username(), strong, newAddress(), null).status());
  }

  @Test
  void theBootstrapAdminsPasswordFollowsTheSameRule() throws Exception {
    Map<String, String> env = NODE.env();

    env.put("DANHOI_BOOTSTRAP_ADMIN", "kt.khoitao" + SEQ.incrementAndGet());
    env.put("DANHOI_BOOTSTRAP_PASSWORD", "password12");
    Throwable refused = assertThrows(Throwable.class, () -> TestNode.start(node.vertx(), env).close());
    String message = String.valueOf(rootMessage(refused));
    assertTrue(message.contains("DANHOI_BOOTSTRAP_PASSWORD"), "the start-up error names the variable: " + message);
    assertFalse(message.contains("password12"), "the start-up error does not repeat the password: " + message);

    String strong = "đồng-hồ-tháp-chuông-nhà-thờ-" + SEQ.incrementAndGet();
    env.put("DANHOI_BOOTSTRAP_PASSWORD", strong);
    TestNode started = TestNode.start(node.vertx(), env);
    try {
      assertEquals(200, staff.login(env.get("DANHOI_BOOTSTRAP_ADMIN"), strong, newAddress(), null).status());
    } finally {
      started.close();
    }
  }

  @Test
  void theDemoAccountsPasswordsPassTheRule() throws Exception {
    Path dataDir = Files.createTempDirectory("danhoi-demo-passwords");
    List<String> names = IntStream.range(0, 40).mapToObj(i -> "kt.demo" + i).toList();
    Map<String, String> passwords = Secrets.demoPasswords(dataDir, names,
        StaffBootstrap::demoPassword);
    passwords.forEach((user, password) -> assertNull(PasswordPolicy.weakness(password, user), user));
  }

  private static Reply create(String username, String displayName, String password) {
    return staff.post("/api/staff", new JsonObject().put("username", username).put("displayName", displayName)
        .put("password", password).put("roles", new JsonArray().add("editor"))).bearer(TestNode.ADMIN_TOKEN).send();
  }

  private static void assertWeak(Reply r, String what) {
    assertError(r, 400, "password.weak");
    JsonObject error = r.json().getJsonObject("error");
    assertEquals("password", error.getString("field"), r.toString());
    assertTrue(error.getString("message").startsWith("Mật khẩu"), "said in Vietnamese, for " + what + ": " + r);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() + " / " + t.getMessage();
  }
}
