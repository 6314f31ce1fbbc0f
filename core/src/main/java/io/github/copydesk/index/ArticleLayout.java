package io.github.copydesk.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/** Encodes and decodes the {@link IndexSchema#LAYOUT} bytes of an article: its paragraph refs. */
final class ArticleLayout {

  private static final int FOLDED = 1;
  private static final int DIFFERS = 2;

  private ArticleLayout() {}

  static BytesRef encode(List<ParagraphRef> refs) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try {
      out.writeVInt(refs.size());
      for (ParagraphRef r : refs) {
        out.writeVLong(r.pid());
        int flags = (r.folded() ? FOLDED : 0) | (r.verbatim() ? 0 : DIFFERS);
        out.writeByte((byte) flags);
        out.writeVInt((int) Math.round(r.similarity() * 1000));
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
    for (int i = 0; i < n; i++) {
      long pid = in.readVLong();
      int flags = in.readByte();
      double sim = in.readVInt() / 1000.0;
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
