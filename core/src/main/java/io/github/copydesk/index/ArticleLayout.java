package io.github.copydesk.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Encodes and decodes the {@link IndexSchema#LAYOUT} bytes of an article: its paragraph refs.
 *
 * <p>Each ref opens with one variable-length number: its paragraph id as a difference from the
 * previous ref's id plus one (the paragraphs an article introduces are numbered in a row, so this
 * is mostly 0), zigzag-coded, shifted past three flags: folded, text differs, similarity below 1.
 * An article of new paragraphs takes a byte per paragraph. Paragraph ids, numbered from 0 by the
 * writer, must stay below 2^59 for that number to fit in 64 bits.
 */
final class ArticleLayout {

  private static final int FOLDED = 1;
  private static final int DIFFERS = 2;
  private static final int SIMILAR = 4;
  private static final int FLAGS = 3;
  private static final long MAX_PID = 1L << 59;

  private ArticleLayout() {}

  static BytesRef encode(List<ParagraphRef> refs) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try {
      out.writeVInt(refs.size());
      long expected = 0;
      for (ParagraphRef r : refs) {
        if (r.pid() < 0 || r.pid() >= MAX_PID) {
          throw new IllegalArgumentException("paragraph id out of range: " + r.pid());
        }
        int similarity = (int) Math.round(r.similarity() * 1000);
        int flags =
            (r.folded() ? FOLDED : 0)
                | (r.verbatim() ? 0 : DIFFERS)
                | (similarity == 1000 ? 0 : SIMILAR);
        out.writeVLong((BitUtil.zigZagEncode(r.pid() - expected) << FLAGS) | flags);
        expected = r.pid() + 1;
        if ((flags & SIMILAR) != 0) {
          out.writeVInt(similarity);
        }
        if (!r.verbatim()) {
          out.writeVInt(r.prefix());
          out.writeVInt(r.suffix());
          out.writeString(r.middle());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory output cannot fail", e);
    }
    return new BytesRef(out.toArrayCopy());
  }

  static List<ParagraphRef> decode(BytesRef bytes) throws IOException {
    ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
    int n = in.readVInt();
    List<ParagraphRef> refs = new ArrayList<>(n);
    long expected = 0;
    for (int i = 0; i < n; i++) {
      long head = in.readVLong();
      int flags = (int) (head & ((1 << FLAGS) - 1));
      long pid = expected + BitUtil.zigZagDecode(head >>> FLAGS);
      expected = pid + 1;
      double sim = (flags & SIMILAR) != 0 ? in.readVInt() / 1000.0 : 1.0;
      if ((flags & DIFFERS) != 0) {
        int prefix = in.readVInt();
        int suffix = in.readVInt();
        String middle = in.readString();
        refs.add(new ParagraphRef(pid, (flags & FOLDED) != 0, sim, prefix, suffix, middle));
      } else {
        refs.add(ParagraphRef.same(pid, (flags & FOLDED) != 0, sim));
      }
    }
    return refs;
  }
}
