package io.github.copydesk.dedup;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A word-level diff of two paragraphs: what an outlet changed. Words are compared by their letters
 * and digits, without punctuation, quote styles and case; the output keeps the words as written.
 *
 * <p>Thread-safe: it holds no state.
 */
public final class WordDiff {

  /** What happened to a run of words. */
  public enum Kind {
    /** In both. */
    SAME,
    /** Only in the first (the canonical): the copy dropped it. */
    DELETED,
    /** Only in the second (the copy): the copy added it. */
    INSERTED
  }

  /**
   * A run of words.
   *
   * @param kind what happened to it
   * @param text the words as written, separated by single spaces
   */
  public record Op(Kind kind, String text) {}

  private WordDiff() {}

  /** The diff from {@code canonical} to {@code copy}, as runs of words. */
  public static List<Op> diff(String canonical, String copy) {
    String[] a = words(canonical);
    String[] b = words(copy);
    String[] ka = keys(a);
    String[] kb = keys(b);
    // The words both start and end with need no alignment: a long paragraph with one word
    // changed is then a short diff, where aligning it all would be too large.
    int p = 0;
    while (p < a.length && p < b.length && ka[p].equals(kb[p])) {
      p++;
    }
    int s = 0;
    while (s < a.length - p
        && s < b.length - p
        && ka[a.length - 1 - s].equals(kb[b.length - 1 - s])) {
      s++;
    }
    List<Op> ops = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      add(ops, Kind.SAME, b[j]);
    }
    int n = a.length - p - s;
    int m = b.length - p - s;
    if ((long) n * m > 4_000_000L) {
      // Too far apart to align word by word: what differs, whole.
      for (int i = p; i < p + n; i++) {
        add(ops, Kind.DELETED, a[i]);
      }
      for (int j = p; j < p + m; j++) {
        add(ops, Kind.INSERTED, b[j]);
      }
    } else {
      align(ops, a, b, ka, kb, p, n, m);
    }
    for (int j = b.length - s; j < b.length; j++) {
      add(ops, Kind.SAME, b[j]);
    }
    return ops;
  }

  /** Aligns the {@code n} words of {@code a} and {@code m} of {@code b} from {@code from} on. */
  private static void align(
      List<Op> ops, String[] a, String[] b, String[] ka, String[] kb, int from, int n, int m) {
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            ka[from + i].equals(kb[from + j])
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && ka[from + i].equals(kb[from + j])) {
        add(ops, Kind.SAME, b[from + j]);
        i++;
        j++;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // Punctuation the copy dropped ("—", "* *") is a change only as part of dropped words
        // ("LONDON (Reuters) -"); alone it is left out.
        if (!ka[from + i].isEmpty() || last(ops) == Kind.DELETED) {
          add(ops, Kind.DELETED, a[from + i]);
        }
        i++;
      } else {
        // Likewise punctuation the copy added: alone it is part of the text, not a change.
        add(
            ops,
            kb[from + j].isEmpty() && last(ops) != Kind.INSERTED ? Kind.SAME : Kind.INSERTED,
            b[from + j]);
        j++;
      }
    }
  }

  private static Kind last(List<Op> ops) {
    return ops.isEmpty() ? null : ops.get(ops.size() - 1).kind();
  }

  private static void add(List<Op> ops, Kind kind, String word) {
    if (!ops.isEmpty() && ops.get(ops.size() - 1).kind() == kind) {
      Op last = ops.remove(ops.size() - 1);
      ops.add(new Op(kind, last.text() + " " + word));
    } else {
      ops.add(new Op(kind, word));
    }
  }

  /** Words split at any white space, a no-break space included. */
  private static String[] words(String text) {
    String t = WHITE_SPACE_EDGES.matcher(text).replaceAll("");
    return t.isEmpty() ? new String[0] : WHITE_SPACE.split(t);
  }

  /** White space, and the zero-width space, which matching and search read as a break too. */
  private static final Pattern WHITE_SPACE = Pattern.compile("(?U)[\\s\u200B]+");

  private static final Pattern WHITE_SPACE_EDGES =
      Pattern.compile("(?U)^[\\s\u200B]+|[\\s\u200B]+$");

  private static String[] keys(String[] words) {
    String[] keys = new String[words.length];
    for (int i = 0; i < words.length; i++) {
      keys[i] = key(words[i]);
    }
    return keys;
  }

  /**
   * What a word is compared by: its letters and digits, case folded (NFKC first), as near-duplicate
   * matching reads it. "Smith's" and "Smith’s", "said," and "said…", "1,000" and "1000" are the
   * same word, but "1.5" is not "15": a point or a slash between digits stays. A word of
   * punctuation only ("—", "* *") has no key.
   */
  static String key(String word) {
    String w = Normalizer.normalize(word, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder b = new StringBuilder(w.length());
    int n = w.length();
    for (int i = 0; i < n; ) {
      int c = w.codePointAt(i);
      int len = Character.charCount(c);
      if (Character.isLetterOrDigit(c)) {
        b.appendCodePoint(c);
      } else if ((c == '.' || c == '/' || c == '\u2044')
          && !b.isEmpty()
          && Character.isDigit(b.charAt(b.length() - 1))
          && i + len < n
          && Character.isDigit(w.codePointAt(i + len))) {
        b.append(c == '.' ? '.' : '/');
      }
      i += len;
    }
    return b.toString();
  }
}
