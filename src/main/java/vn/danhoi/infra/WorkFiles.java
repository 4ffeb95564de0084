package vn.danhoi.infra;

import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every temporary or work file of the process lives under its own data directory: a shared folder in the
 * system's /tmp (POI's "poifiles", an unpacked Redis) belongs to whichever OS user made it first, and then
 * fails for every other user of the machine.
 */
public final class WorkFiles {

  private WorkFiles() {
  }

  /** The process's temporary folder, {@code <data>/tmp}; set before anything makes a temporary file. */
  public static Path useDataDir(Path dataDir) throws IOException {
    Path tmp = Files.createDirectories(dataDir.toAbsolutePath().resolve("tmp"));
    System.setProperty("java.io.tmpdir", tmp.toString());
    // POI reads java.io.tmpdir once, when it first needs a file; told explicitly so the order cannot matter
    TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(tmp.resolve("poi").toFile()));
    return tmp;
  }
}
