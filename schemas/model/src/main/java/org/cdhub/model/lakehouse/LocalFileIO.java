package org.cdhub.model.lakehouse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;

/**
 * FileIO for a local-disk warehouse that avoids Hadoop's FileSystem, whose security code fails
 * on Java 23+ (where NiFi runs). Reads paths written by Spark ({@code file:/...}) as well, and
 * files keep the location they were asked for: metadata written here names {@code file:/...}
 * as Spark's does, which Trino needs (it refuses a bare path).
 * Configure with {@code io-impl=org.cdhub.model.lakehouse.LocalFileIO}.
 */
public class LocalFileIO implements FileIO {

  @Override
  public InputFile newInputFile(String path) {
    return new Located(path, org.apache.iceberg.Files.localInput(toFile(path)));
  }

  @Override
  public OutputFile newOutputFile(String path) {
    File file = toFile(path);
    File parent = file.getParentFile();
    if (parent != null && !parent.isDirectory() && !parent.mkdirs() && !parent.isDirectory()) {
      throw new UncheckedIOException(new IOException("Cannot create directory " + parent));
    }
    OutputFile local = org.apache.iceberg.Files.localOutput(file);
    return new OutputFile() {
      @Override
      public org.apache.iceberg.io.PositionOutputStream create() {
        return local.create();
      }

      @Override
      public org.apache.iceberg.io.PositionOutputStream createOrOverwrite() {
        return local.createOrOverwrite();
      }

      @Override
      public String location() {
        return path;
      }

      @Override
      public InputFile toInputFile() {
        return newInputFile(path);
      }
    };
  }

  /** A local file under the location it was asked for. */
  private record Located(String location, InputFile local) implements InputFile {
    @Override
    public long getLength() {
      return local.getLength();
    }

    @Override
    public org.apache.iceberg.io.SeekableInputStream newStream() {
      return local.newStream();
    }

    @Override
    public boolean exists() {
      return local.exists();
    }
  }

  @Override
  public void deleteFile(String path) {
    try {
      Files.deleteIfExists(toFile(path).toPath());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + path, e);
    }
  }

  static File toFile(String location) {
    if (location.startsWith("file:")) {
      return Path.of(URI.create(location.startsWith("file://") ? location : "file://" + location.substring(5))).toFile();
    }
    return new File(location);
  }
}
