package vn.danhoi.bench;

import com.sun.management.OperatingSystemMXBean;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the machine's cores went during a step: this JVM (the load generator), the server JVMs, and the
 * whole machine (from /proc/stat, so PostgreSQL, Redis and anything else running are in it), each in cores.
 */
final class CpuMeter {

  /** Linux reports /proc times in clock ticks of 1/100 s. */
  private static final double TICK_SECONDS = 0.01;

  private final List<ChildJvm> servers;
  private final long wallStart = System.nanoTime();
  private final long generatorStart = generatorNanos();
  private final long serversStart;
  private final long[] machineStart = machine();

  CpuMeter(List<ChildJvm> servers) {
    this.servers = servers;
    this.serversStart = serverTicks(servers);
  }

  /** {generatorCores, serverCores, machineBusyCores} since this meter was made. */
  JsonObject toJson() {
    double wall = (System.nanoTime() - wallStart) / 1e9;
    long[] machine = machine();
    JsonObject out = new JsonObject().put("generatorCores", round((generatorNanos() - generatorStart) / 1e9 / wall));
    if (!servers.isEmpty() && serversStart >= 0) {
      out.put("serverCores", round((serverTicks(servers) - serversStart) * TICK_SECONDS / wall));
    }
    if (machine != null && machineStart != null) {
      long total = machine[0] - machineStart[0];
      long idle = machine[1] - machineStart[1];
      out.put("machineBusyCores", total == 0 ? null
          : round((double) (total - idle) / total * Runtime.getRuntime().availableProcessors()));
    }
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static long generatorNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  /** utime + stime of each server process, in ticks; -1 when unreadable. */
  private static long serverTicks(List<ChildJvm> servers) {
    long sum = 0;
    for (ChildJvm s : servers) {
      try {
        String stat = Files.readString(Path.of("/proc", Long.toString(s.pid()), "stat"));
        // the command name may hold spaces: fields are counted after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return sum;
  }

  /** {total, idle + iowait} ticks of all cores, or null off Linux. */
  private static long[] machine() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < Math.min(f.length, 9); i++) {
        total += Long.parseLong(f[i]);
      }
      return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
