package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.dedup.NearDuplicateVerifier;
import io.github.copydesk.dedup.ParagraphSignature;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class ParagraphFolderTest {

  private final DedupParameters params = DedupParameters.defaults();
  private final NearDuplicateVerifier verifier = new NearDuplicateVerifier(params);

  /** Settings under which a key held by more than two paragraphs is a stock phrase. */
  private final DedupParameters few =
      new DedupParameters(
          12, 2, 2, params.seed(), 5, 6, 3, 0.72, 0.55, 4, 0.3, 4, 3, 1, 0.25, 10, 7, 20);

  private static final String[] TOWNS = {
    "Leeds", "Hull", "York", "Derby", "Bath", "Ely", "Wells", "Ripon", "Truro"
  };

  /**
   * Indexes {@code indexed} under the keys of {@code lookedUp}, as if every one of its 4-byte keys
   * collided with theirs, then looks {@code lookedUp} up.
   */
  private ParagraphFolder.Lookup findAfterCollision(String indexed, String lookedUp)
      throws IOException {
    ParagraphSignature target = ParagraphSignature.of(lookedUp, params);
    try (Directory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexSchema.analyzer()));
        BackgroundWrites writes = new BackgroundWrites()) {
      ParagraphSignature own = ParagraphSignature.of(indexed, params);
      Document d =
          ArticleIndexWriter.paragraphDoc(
              7, indexed, AnalyzedText.of(indexed), own, target.sampleKeys(), null);
      d.add(
          new Field(
              IndexSchema.KEYS, ParagraphFolder.keyTerm(target.exactKey()), IndexSchema.KEY_TERMS));
      w.addDocument(d);
      ParagraphFolder folder = new ParagraphFolder(w, writes, verifier, 100);
      try {
        return folder.find(target);
      } finally {
        folder.close();
      }
    }
  }

  @Test
  void aCopyUnderSharedKeysIsFound() throws IOException {
    // The control for the tests below: the forged keys do make a candidate.
    String story = "Dock workers at the port walked out on Monday, halting grain exports.";
    ParagraphFolder.Lookup found = findAfterCollision(story, "LONDON (Reuters) - " + story);
    assertNotNull(found.match());
    assertEquals(7, found.match().pid());
  }

  @Test
  void aFalseCandidateRuledOutByItsFingerprintFoldsNothing() throws IOException {
    String indexed = "Shr 45 cts vs 38 cts Net 1.2 mln vs 998,000 Revs 25.6 mln vs 20.1 mln";
    String lookedUp = "Dock workers at the port walked out on Monday, halting grain exports.";
    byte[] f = ParagraphSignature.of(indexed, params).fingerprint();
    assertFalse(verifier.mayFold(f, 0, f.length, ParagraphSignature.of(lookedUp, params)));
    ParagraphFolder.Lookup found = findAfterCollision(indexed, lookedUp);
    assertNull(found.match());
  }

  @Test
  void aFalseCandidatePastItsFingerprintIsRejectedByVerification() throws IOException {
    // The same words in another order: the sketch cannot tell them apart, the alignment can.
    String indexed =
        "The minister said talks on the harbour grain strike would resume next week in the city.";
    String lookedUp =
        "Next week in the city the minister said talks would resume on the grain harbour strike.";
    ParagraphSignature a = ParagraphSignature.of(indexed, params);
    ParagraphSignature b = ParagraphSignature.of(lookedUp, params);
    byte[] f = a.fingerprint();
    assertTrue(verifier.mayFold(f, 0, f.length, b));
    assertFalse(verifier.compare(a, b).folds());
    assertNull(findAfterCollision(indexed, lookedUp).match());
  }

  @Test
  void keysOfStockPhrasesStopBeingIndexedOnceLookupsSkipThem() throws IOException {
    String[] words = {
      "barley", "wheat", "oats", "maize", "rye", "millet", "sorghum", "rice", "soy"
    };
    Map<Integer, Integer> holders = new HashMap<>();
    Directory dir = new ByteBuffersDirectory();
    try (ArticleIndexWriter w = ArticleIndexWriter.open(dir, few, 4, 2)) {
      for (int i = 0; i < TOWNS.length; i++) {
        String p =
            "Grain exports rose sharply in "
                + TOWNS[i]
                + " as "
                + words[i]
                + " growers "
                + TOWNS[(i + 3) % TOWNS.length].toLowerCase(java.util.Locale.ROOT)
                + " shipped "
                + (i + 2) * 111
                + " tonnes of "
                + words[(i + 5) % words.length]
                + " abroad.";
        w.add(Article.of("a" + i, "Story " + i, List.of(p)));
        for (int key : ParagraphSignature.of(p, few).sampleKeys()) {
          holders.merge(key, 1, Integer::sum);
        }
      }
      assertEquals(TOWNS.length, w.stats().paragraphs() - w.stats().folded());
    }
    int common = 0;
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      for (Map.Entry<Integer, Integer> e : holders.entrySet()) {
        int indexed = r.docFreq(new Term(IndexSchema.KEYS, ParagraphFolder.keyTerm(e.getKey())));
        // Up to one holder past the limit, so that lookups still see the key as too common.
        assertEquals(Math.min(e.getValue(), few.maxKeyFrequency() + 1), indexed);
        common += e.getValue() > few.maxKeyFrequency() + 1 ? 1 : 0;
      }
    }
    assertTrue(common > 0, "no key was shared by more than three paragraphs: " + holders);
  }

  /**
   * What a lookup found, and how many of the looked-up paragraph's sampled keys were stock after.
   */
  private record Seen(ParagraphFolder.Lookup lookup, int stockKeys) {}

  /** A new paragraph one word away from the dock strike paragraph. */
  private static final String DOCK_COPY =
      "Dock workers at the port walked out on Monday, halting wheat exports.";

  /**
   * Indexes {@code holders} copies of the dock strike paragraph under the sampled keys of {@link
   * #DOCK_COPY} (not its exact key), then looks it up, its keys already known to be stock when
   * {@code knownStock}.
   */
  private Seen findUnderSampledKeys(int holders, boolean knownStock) throws IOException {
    ParagraphSignature target = ParagraphSignature.of(DOCK_COPY, params);
    String indexed = "Dock workers at the port walked out on Monday, halting grain exports.";
    try (Directory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexSchema.analyzer()));
        BackgroundWrites writes = new BackgroundWrites()) {
      for (int pid = 0; pid < holders; pid++) {
        w.addDocument(
            ArticleIndexWriter.paragraphDoc(
                pid,
                indexed,
                AnalyzedText.of(indexed),
                ParagraphSignature.of(indexed, params),
                target.sampleKeys(),
                null));
      }
      ParagraphFolder folder = new ParagraphFolder(w, writes, verifier, 100);
      try {
        if (knownStock) {
          for (int key : target.sampleKeys()) {
            folder.stockKeys().add(key);
          }
        }
        ParagraphFolder.Lookup found = folder.find(target);
        int stock = 0;
        for (int key : target.sampleKeys()) {
          stock += folder.stockKeys().contains(key) ? 1 : 0;
        }
        return new Seen(found, stock);
      } finally {
        folder.close();
      }
    }
  }

  @Test
  void aKeyFoundHeldByTooManyParagraphsIsRememberedAsStock() throws IOException {
    Seen few = findUnderSampledKeys(2, false);
    assertNotNull(few.lookup().match(), "two holders of every sampled key make a candidate");
    assertEquals(0, few.stockKeys());
    Seen many = findUnderSampledKeys(params.maxKeyFrequency() + 1, false);
    assertNull(many.lookup().match(), "keys held by more than the limit are skipped");
    assertEquals(0, many.lookup().keys().length);
    assertEquals(ParagraphSignature.of(DOCK_COPY, params).sampleKeys().length, many.stockKeys());
  }

  @Test
  void aKeyKnownToBeStockIsSkippedWithoutCountingItsHolders() throws IOException {
    // Two holders only, but the keys are known to be stock: the lookup takes that for the answer.
    Seen seen = findUnderSampledKeys(2, true);
    assertNull(seen.lookup().match());
    assertEquals(0, seen.lookup().keys().length);
  }

  /**
   * Folds {@code paragraphs} one after another as the writer does, prefetching each lookup first,
   * with a small buffer so that readers are reopened often; what each lookup found, in order.
   */
  private static List<String> foldAll(
      DedupParameters params, List<String> paragraphs, StockKeys stock) throws IOException {
    List<String> found = new ArrayList<>();
    try (Directory dir = new ByteBuffersDirectory();
        IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexSchema.analyzer()));
        BackgroundWrites writes = new BackgroundWrites()) {
      ParagraphFolder folder =
          new ParagraphFolder(w, writes, new NearDuplicateVerifier(params), 16, stock);
      try {
        long nextPid = 0;
        for (String text : paragraphs) {
          ParagraphSignature sig = ParagraphSignature.of(text, params);
          ParagraphFolder.Prefetch ahead = folder.prefetch(List.of(sig)).get(0);
          ParagraphFolder.Lookup lookup = folder.find(sig, ahead, null);
          if (lookup.match() != null) {
            found.add("fold " + lookup.match().pid() + " " + lookup.match().verdict());
            continue;
          }
          long pid = nextPid++;
          Document doc =
              ArticleIndexWriter.paragraphDoc(
                  pid, text, AnalyzedText.of(text), sig, lookup.keys(), null);
          writes.submit(() -> w.addDocument(doc));
          folder.remember(pid, text, sig, lookup.keys(), null);
          found.add("new " + pid + " " + Arrays.toString(lookup.keys()));
        }
      } finally {
        folder.close();
      }
    }
    return found;
  }

  @Test
  void rememberingStockKeysChangesNoLookup() throws IOException {
    String[] crops = {"barley", "wheat", "oats", "maize", "rye", "millet", "sorghum", "rice"};
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    List<String> paragraphs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      if (i > 20 && random.nextInt(3) == 0) {
        // A copy of an earlier paragraph, as an outlet re-runs it.
        String earlier = paragraphs.get(random.nextInt(paragraphs.size()));
        paragraphs.add(random.nextBoolean() ? "LONDON (Reuters) - " + earlier : earlier);
        continue;
      }
      // Templated wire copy: the stock phrases are shared by most paragraphs.
      paragraphs.add(
          "Grain exports rose sharply in "
              + TOWNS[random.nextInt(TOWNS.length)]
              + " as "
              + crops[random.nextInt(crops.length)]
              + " growers in "
              + TOWNS[random.nextInt(TOWNS.length)]
              + " shipped "
              + (100 + random.nextInt(900))
              + " tonnes of "
              + crops[random.nextInt(crops.length)]
              + " abroad, traders said.");
    }
    StockKeys remembered = new StockKeys();
    List<String> with = foldAll(few, paragraphs, remembered);
    List<String> without = foldAll(few, paragraphs, new StockKeys(0));
    assertTrue(remembered.size() > 0, "no key became stock");
    assertTrue(with.stream().anyMatch(f -> f.startsWith("fold")), "nothing folded");
    assertEquals(without, with);
  }
}
