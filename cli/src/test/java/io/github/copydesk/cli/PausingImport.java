package io.github.copydesk.cli;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.index.Addition;
import io.github.copydesk.index.ArticleIndexWriter;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;

/**
 * A child process for {@link CrashResumeIT}: imports an archive as {@code copydesk index} does, and
 * in its Nth commit stops dead at a chosen step, says {@code paused} on stdout and waits to be
 * killed. Steps, in the order Lucene takes them: {@code sync} (the next commit point is written
 * aside as {@code pending_segments_N}, the commit's files are not yet synced) and {@code rename}
 * (all synced, the commit point not yet renamed into place).
 *
 * <p>Arguments: index folder, archive, commit every N articles, step, commit number (from 1).
 */
final class PausingImport {

  private PausingImport() {}

  public static void main(String[] args) throws IOException {
    Path index = Path.of(args[0]);
    String archive = args[1];
    int every = Integer.parseInt(args[2]);
    String step = args[3];
    int at = Integer.parseInt(args[4]);
    FilterDirectory dir =
        new FilterDirectory(FSDirectory.open(index)) {
          private int syncs;

          @Override
          public void sync(Collection<String> names) throws IOException {
            boolean commitPoint = names.stream().anyMatch(n -> n.startsWith("pending_segments"));
            if (!commitPoint && step.equals("sync") && ++syncs == at) {
              pause();
            }
            super.sync(names);
          }

          @Override
          public void rename(String source, String dest) throws IOException {
            if (source.startsWith("pending_segments")
                && step.equals("rename")
                && --renamesLeft == 0) {
              pause();
            }
            super.rename(source, dest);
          }

          private int renamesLeft = at;
        };
    try (ArticleIndexWriter writer = ArticleIndexWriter.open(dir, DedupParameters.defaults());
        ArchiveReader reader =
            ArchiveReader.open(List.of(archive), InputStream.nullInputStream())) {
      long pending = 0;
      for (Optional<Article> a = reader.next(); a.isPresent(); a = reader.next()) {
        if (writer.add(a.get()) != Addition.UNCHANGED && ++pending == every) {
          writer.commit();
          pending = 0;
        }
      }
    }
    System.out.println("finished without pausing");
  }

  private static void pause() {
    System.out.println("paused");
    System.out.flush();
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runtime.getRuntime().halt(3);
  }
}
