package vn.danhoi.infra;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What counts as "one source" of requests when throttling or capping, and as "the same network" when a
 * cookie is bound to where it was issued. An IPv6 client can take any address of its /64 at will, so an IPv6
 * source is its /64; an IPv4 source is the address itself (carrier NAT puts many people behind one).
 */
public final class AddressPrefix {

  private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]+$");

  private AddressPrefix() {
  }

  /** The throttling unit: an IPv4 address, an IPv6 /64; anything unparsable as it came. */
  public static String source(String address) {
    return prefix(address, 32, 64);
  }

  /** The network a viewer is on: an IPv4 /24, an IPv6 /48 (a phone moves within its carrier's pool). */
  public static String network(String address) {
    return prefix(address, 24, 48);
  }

  private static String prefix(String address, int v4Bits, int v6Bits) {
    if (address == null) {
      return "";
    }
    var v4 = IPV4.matcher(address);
    if (v4.matches()) {
      int[] octets = new int[4];
      for (int i = 0; i < 4; i++) {
        octets[i] = Integer.parseInt(v4.group(i + 1));
      }
      int whole = v4Bits / 8;
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        out.append(i == 0 ? "" : ".").append(i < whole ? octets[i] : 0);
      }
      return out.append('/').append(v4Bits).toString();
    }
    // only a string of hex digits and colons is parsed: InetAddress never resolves such a literal by DNS
    if (address.indexOf(':') >= 0 && IPV6.matcher(address).matches()) {
      try {
        InetAddress parsed = InetAddress.getByName(address);
        if (parsed instanceof Inet6Address) {
          byte[] bytes = parsed.getAddress();
          StringBuilder out = new StringBuilder();
          for (int i = 0; i < v6Bits / 8; i += 2) {
            out.append(i == 0 ? "" : ":").append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
          }
          return out.append("::/").append(v6Bits).toString();
        }
        return prefix(parsed.getHostAddress(), v4Bits, v6Bits);
      } catch (UnknownHostException e) {
        return address;
      }
    }
    return address;
  }
}
