package vn.danhoi.locality;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class LocalityTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "P. Bến Nghé, Q.1, TP.HCM | Phường Bến Nghé, Thành phố Hồ Chí Minh",
      "P Ben Nghe, Q1, TPHCM | Phường Ben Nghe, Thành phố Hồ Chí Minh",
      "Phường Bến Nghé, TP. Hồ Chí Minh | Phường Bến Nghé, Thành phố Hồ Chí Minh",
      "xa tan thanh huyen x tinh hau giang | Xã Tan Thanh, Thành phố Cần Thơ",
      "Xã Đông Hòa, tỉnh Đắk Lắk | Xã Đông Hòa, Tỉnh Đắk Lắk",
      "xã Tân Phú, huyện Đức Hòa, tỉnh Long An | Xã Tân Phú, Tỉnh Tây Ninh",
      "X. Phước Lợi - H. Bến Lức - T. Long An | Xã Phước Lợi, Tỉnh Tây Ninh",
      "TT. Bến Lức, Long An | Xã Bến Lức, Tỉnh Tây Ninh",
      "Phường 01, TP Tân An, Long An | Phường 1, Tỉnh Tây Ninh",
      "phường Dĩ An, TX Dĩ An, Bình Dương | Phường Dĩ An, Thành phố Hồ Chí Minh",
      "P. Thắng Tam, TP. Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu | Phường Thắng Tam, Thành phố Hồ Chí Minh",
      "Đặc khu Phú Quốc, An Giang | Đặc khu Phú Quốc, Tỉnh An Giang",
      "xã Tân Phú Long An | Xã Tân Phú, Tỉnh Tây Ninh",
      "Ấp 3, xã Tân Thành, Hà Giang | Xã Tân Thành, Tỉnh Tuyên Quang",
      "123 Nguyễn Huệ, Phường Sài Gòn, TP.HCM | Phường Sài Gòn, Thành phố Hồ Chí Minh",
      "Phường Sài Gòn | Phường Sài Gòn",
      "thị trấn Tịnh Biên, An Giang | Xã Tịnh Biên, Tỉnh An Giang",
      "Thừa Thiên Huế | Thành phố Huế",
      "Bến Nghé, Q.1, TP.HCM | Bến Nghé, Thành phố Hồ Chí Minh",
      "Quảng Nam | Thành phố Đà Nẵng",
      "TP Thủ Đức | Không rõ địa bàn",
      "ở gần chợ | Không rõ địa bàn",
      "   | Không rõ địa bàn",
  })
  void readsLocalitiesHoweverTyped(String typed, String expected) {
    assertEquals(expected, Locality.parse(typed).label());
  }

  @Test
  void nfdIsReadAsNfc() {
    String nfd = Normalizer.normalize("Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh", Normalizer.Form.NFD);
    assertEquals("Phường Bến Nghé, Thành phố Hồ Chí Minh", Locality.parse(nfd).label());
  }

  @Test
  void typingsOfOnePlaceShareOneKey() {
    Set<String> keys = new HashSet<>();
    for (String typed : List.of("P Ben Nghe, Q1, TPHCM", "Phường Bến Nghé, TP. Hồ Chí Minh",
        "phuong ben nghe quan 1 tp ho chi minh", "Bến Nghé, Sài Gòn")) {
      keys.add(Locality.parse(typed).key());
    }
    assertEquals(1, keys.size(), keys.toString());
  }

  @Test
  void districtsAreDroppedAndNeverTakenForACommune() {
    Locality l = Locality.parse("huyện Cần Giuộc, tỉnh Long An");
    assertNull(l.commune());
    assertEquals("Tây Ninh", l.province().name());
  }

  @Test
  void thirtyFourProvincesAndEveryFormerOneMapsToOne() {
    assertEquals(34, Province.all().size());
    assertEquals(6, Province.all().stream().filter(Province::city).count());
    for (String former : List.of("Hà Giang", "Yên Bái", "Bắc Kạn", "Vĩnh Phúc", "Hòa Bình", "Bắc Giang", "Thái Bình",
        "Hải Dương", "Hà Nam", "Nam Định", "Quảng Bình", "Quảng Nam", "Kon Tum", "Bình Định", "Ninh Thuận",
        "Đắk Nông", "Bình Thuận", "Phú Yên", "Bình Dương", "Bà Rịa - Vũng Tàu", "Bình Phước", "Long An", "Sóc Trăng",
        "Hậu Giang", "Bến Tre", "Trà Vinh", "Tiền Giang", "Bạc Liêu", "Kiên Giang")) {
      Province p = Province.named(former);
      assertFalse(p == null || p.name().equals(former), former);
    }
  }

  /** Whatever is typed, the reader answers (never throws) and reads its own label back to the same place. */
  @Property(tries = 400)
  void readsItsOwnLabelBack(@ForAll("typed") String typed) {
    Locality l = Locality.parse(typed);
    if (l.readable() && l.kind() != null) {
      assertEquals(l.key(), Locality.parse(l.label()).key(), typed);
    }
  }

  @Property(tries = 300)
  void foldingAndCaseDoNotChangeThePlace(@ForAll("typed") String typed) {
    Locality l = Locality.parse(typed);
    String ascii = Normalizer.normalize(typed, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace('đ', 'd').replace('Đ', 'D').toUpperCase();
    if (l.readable()) {
      assertEquals(l.key(), Locality.parse(ascii).key(), typed + " / " + ascii);
    }
  }

  @Provide
  Arbitrary<String> typed() {
    Arbitrary<String> kind = Arbitraries.of("Xã", "xã", "X.", "Phường", "P.", "p", "Đặc khu", "Thị trấn", "TT.");
    Arbitrary<String> name = Arbitraries.of("Tân Phú", "Bến Nghé", "Phước Lợi", "Đông Hòa", "Mỹ Yên", "12", "An Thạnh");
    Arbitrary<String> district = Arbitraries.of("", ", huyện Bến Lức", " Q.1", ", Quận 3", " - H. Đức Hòa", ", TX Dĩ An");
    Arbitrary<String> province = Arbitraries.of(", tỉnh Long An", ", TP.HCM", " tinh hau giang", ", Đắk Lắk",
        ", Bà Rịa - Vũng Tàu", "", ", thành phố Cần Thơ", " T. Hà Giang");
    return Combinators.combine(kind, name, district, province).as((k, n, d, p) -> k + " " + n + d + p);
  }
}
