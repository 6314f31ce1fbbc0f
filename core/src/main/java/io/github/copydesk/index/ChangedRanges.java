package io.github.copydesk.index;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * The {@link IndexSchema#CHANGED_RANGES} of an article: for each canonical paragraph that one of
 * its references changed, every reference to it, each as the range of the canonical's chars it
 * replaced ({@code start} to {@code end}, the canonical's text outside it kept), or none.
 *
 * <p>A phrase matched in the canonical at chars {@code s} to {@code e} stands in a copy where it is
 * clear of the copy's range: {@code e + 2 <= start} or {@code s - 2 >= end}, the two chars next to
 * it kept, so that the tokenizer, which looks one char past a boundary (a point between two words
 * joins them), cuts the same words there. Else the copy's text says.
 */
public final class ChangedRanges {

  /** No range: the reference is its canonical's text, word for word. */
  public static final int VERBATIM = -1;

  private final long[] pids;
  private final int[] starts;
  private final int[] ends;

  private ChangedRanges(long[] pids, int[] starts, int[] ends) {
    this.pids = pids;
    this.starts = starts;
    this.ends = ends;
  }

  /**
   * The ranges of an article's references {@code refs}, {@code canonicalLengths} the length of each
   * one's canonical text; null when no reference changed its canonical's text.
   */
  static BytesRef encode(java.util.List<ParagraphRef> refs, int[] canonicalLengths)
      throws IOException {
    java.util.Set<Long> changed = new java.util.TreeSet<>();
    for (ParagraphRef r : refs) {
      if (!r.verbatim()) {
        changed.add(r.pid());
      }
    }
    if (changed.isEmpty()) {
      return null;
    }
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    int count = 0;
    for (ParagraphRef r : refs) {
      count += changed.contains(r.pid()) ? 1 : 0;
    }
    out.writeVInt(count);
    for (int i = 0; i < refs.size(); i++) {
      ParagraphRef r = refs.get(i);
      if (!changed.contains(r.pid())) {
        continue;
      }
      out.writeVLong(r.pid());
      if (r.verbatim()) {
        out.writeVInt(0);
      } else {
        int start = r.prefix();
        int end = canonicalLengths[i] - r.suffix();
        out.writeVInt(start + 1);
        out.writeVInt(Math.max(0, end - start));
      }
    }
    return new BytesRef(out.toArrayCopy());
  }

  /** Decodes {@code bytes}, as {@link #encode} made them. */
  public static ChangedRanges decode(BytesRef bytes) {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    int n = in.readVInt();
    long[] pids = new long[n];
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      pids[i] = in.readVLong();
      int start = in.readVInt() - 1;
      starts[i] = start;
      ends[i] = start == VERBATIM ? VERBATIM : start + in.readVInt();
    }
    return new ChangedRanges(pids, starts, ends);
  }

  /** Whether one of the references changed canonical {@code pid}. */
  public boolean changes(long pid) {
    for (long p : pids) {
      if (p == pid) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether one of the article's references to {@code pid} keeps one of the phrase's occurrences in
   * it, {@code spans} their char ranges in the canonical ({@code [s0, e0, s1, e1, ...]}), as told
   * from the ranges alone: true for certain, false when the copy's text must say.
   */
  public boolean keepsOne(long pid, int[] spans) {
    for (int i = 0; i < pids.length; i++) {
      if (pids[i] != pid) {
        continue;
      }
      if (starts[i] == VERBATIM) {
        return true;
      }
      for (int k = 0; k + 1 < spans.length; k += 2) {
        if (spans[k + 1] + 2 <= starts[i] || spans[k] - 2 >= ends[i]) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return Arrays.toString(pids) + Arrays.toString(starts) + Arrays.toString(ends);
  }
}
