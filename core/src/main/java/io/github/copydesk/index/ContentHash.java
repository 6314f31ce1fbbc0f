package io.github.copydesk.index;

import io.github.copydesk.ingest.Article;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.util.BytesRef;

/**
 * The content hash of an article: what tells an article imported again unchanged from one that was
 * edited since. Every field counts, each length-prefixed so that text cannot move between fields
 * unnoticed; metadata counts in key order, as an article's map has no order of its own.
 */
final class ContentHash {

  private ContentHash() {}

  /** Bytes of SHA-256 kept: 128 bits leave no chance of two versions of an article colliding. */
  static final int LENGTH = 16;

  /** The first 16 bytes of the SHA-256 of everything {@code article} holds. */
  static BytesRef of(Article article) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    field(md, article.id());
    field(md, article.headline());
    field(md, Integer.toString(article.paragraphs().size()));
    for (String p : article.paragraphs()) {
      field(md, p);
    }
    field(md, article.source());
    field(md, article.date() == null ? "" : article.date().toString());
    field(md, article.url());
    Map<String, String> meta = new TreeMap<>(article.metadata());
    field(md, Integer.toString(meta.size()));
    for (Map.Entry<String, String> e : meta.entrySet()) {
      field(md, e.getKey());
      field(md, e.getValue());
    }
    return new BytesRef(Arrays.copyOf(md.digest(), LENGTH));
  }

  private static void field(MessageDigest md, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    int n = bytes.length;
    md.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    md.update(bytes);
  }
}
