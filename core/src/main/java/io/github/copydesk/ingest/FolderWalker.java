package io.github.copydesk.ingest;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the files of a folder to read: recursively, in name order, without hidden files, files of
 * unknown extensions, or symbolic links that lead out of the folder unless asked to follow them.
 */
final class FolderWalker {

  private FolderWalker() {}

  /**
   * The regular files below {@code root} in name order, hidden ones and links out skipped. A folder
   * or file that cannot be listed or looked at (no permission) is among them, in its place, with
   * the reason in {@code unreadable}: reading it is then bad input, named, like a file that cannot
   * be read, rather than the end of the whole listing.
   */
  static List<Path> walk(
      Path root, boolean follow, List<String> skipped, Map<Path, String> unreadable)
      throws IOException {
    Path realRoot = root.toRealPath();
    List<Path> files = new ArrayList<>();
    Set<FileVisitOption> visit =
        follow ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
    Files.walkFileTree(
        root,
        visit,
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
              skipped.add(dir + " (hidden)");
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            if (f.getFileName().toString().startsWith(".")) {
              skipped.add(f + " (hidden)");
            } else if (attrs.isSymbolicLink()) {
              linked(f);
            } else if (attrs.isRegularFile()) {
              files.add(f);
            }
            return FileVisitResult.CONTINUE;
          }

          /** A link, seen when links are not followed: read when it stays in the folder. */
          private void linked(Path link) {
            try {
              Path target = link.toRealPath();
              if (!target.startsWith(realRoot)) {
                skipped.add(
                    link + " (symbolic link out of the folder; --follow-symlinks reads it)");
              } else if (Files.isRegularFile(target)) {
                files.add(link);
              }
            } catch (IOException e) {
              skipped.add(link + " (broken symbolic link)");
            }
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
            String name = f.getFileName() == null ? "" : f.getFileName().toString();
            if (e instanceof FileSystemLoopException) {
              skipped.add(f + " (symbolic link loop)");
            } else if (f.equals(root)) {
              throw e;
            } else if (name.startsWith(".")) {
              skipped.add(f + " (hidden)");
            } else if (name.equals("lost+found")) {
              // A file system's own folder at the root of a disk, readable by root only.
              skipped.add(f + " (" + reason(e) + ")");
            } else {
              files.add(f);
              unreadable.put(f, reason(e));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(null);
    files.removeIf(
        f -> {
          if (unreadable.containsKey(f) && (Files.isDirectory(f) || !isFile(f))) {
            return false; // a folder that cannot be listed: what it holds is unknown
          }
          if (ContainerUnpacker.byName(f.getFileName().toString())
              != ContainerUnpacker.Layer.NONE) {
            return false;
          }
          String ext = FormatDetector.extension(f.getFileName().toString());
          boolean known = ext.isEmpty() || FormatDetector.byExtension(ext) != null;
          if (!known) {
            skipped.add(f + " (unknown type)");
          }
          return !known;
        });
    return files;
  }

  /** Whether {@code f} is named as a file (an extension, or none but looked at as a file). */
  private static boolean isFile(Path f) {
    return !FormatDetector.extension(f.getFileName().toString()).isEmpty();
  }

  /** Why a file or folder could not be read, in a few words. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no longer there";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
