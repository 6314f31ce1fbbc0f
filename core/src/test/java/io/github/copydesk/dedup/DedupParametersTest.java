package io.github.copydesk.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DedupParametersTest {

  /** Every setting other than the defaults'. */
  private static final DedupParameters OWN =
      new DedupParameters(
          9, 3, 31, 0xfeed_beef_0001L, 6, 5, 2, 0.8, 0.6, 3, 0.25, 3, 2, 0, 0.3, 11, 8, 15);

  @Test
  void readsBackWhatItRecorded() {
    DedupParameters defaults = DedupParameters.defaults();
    assertEquals(Optional.of(defaults), DedupParameters.fromDescription(defaults.describe()));
    assertEquals(Optional.of(OWN), DedupParameters.fromDescription(OWN.describe()));
    DedupParameters negativeSeed = defaults.withSeed(-5L);
    assertEquals(
        Optional.of(negativeSeed), DedupParameters.fromDescription(negativeSeed.describe()));
  }

  @Test
  void readsBackTheEarlierNormalisersVersionAndNoOther() {
    String m6 = OWN.describe().replace("normalizer=m7 ", "normalizer=m6 ");
    assertEquals("m6", DedupParameters.fromDescription(m6).orElseThrow().normalizer());
    assertEquals(Optional.empty(), DedupParameters.versionChange(m6));
    assertEquals(
        Optional.of(OWN.withNormalizer("m6")), DedupParameters.fromDescription(m6), "by name");
    assertThrows(IllegalArgumentException.class, () -> OWN.withNormalizer(null));
    assertThrows(IllegalArgumentException.class, () -> OWN.withNormalizer("m5"));
    String m5 = OWN.describe().replace("normalizer=m7 ", "normalizer=m5 ");
    assertEquals(Optional.empty(), DedupParameters.fromDescription(m5));
    assertEquals(
        Optional.of("normalizer m5, not the normalizer m7 of this version"),
        DedupParameters.versionChange(m5));
  }

  @Test
  void readsBackTheEarlierRulesVersionAndNoOther() {
    assertEquals(NearDuplicateVerifier.RULES, OWN.rules());
    for (String earlier : List.of("r4", "r5")) {
      String described = OWN.describe().replace(" rules=r6 ", " rules=" + earlier + " ");
      assertEquals(Optional.of(OWN.withRules(earlier)), DedupParameters.fromDescription(described));
      assertEquals(Optional.empty(), DedupParameters.versionChange(described));
      assertEquals(described, OWN.withRules(earlier).describe());
    }
    assertEquals("r4", OWN.withRules("r4").withSeed(3).withNormalizer("m6").rules());
    assertThrows(IllegalArgumentException.class, () -> OWN.withRules(null));
    assertThrows(IllegalArgumentException.class, () -> OWN.withRules("r3"));
    String r3 = OWN.describe().replace(" rules=r6 ", " rules=r3 ");
    assertEquals(Optional.empty(), DedupParameters.fromDescription(r3));
    assertEquals(
        Optional.of("dedup rules r3, not the rules r6 of this version"),
        DedupParameters.versionChange(r3));
  }

  @Test
  void readsNothingBackFromAnotherVersionOrAnUnreadableDescription() {
    String own = OWN.describe();
    assertEquals(
        Optional.empty(),
        DedupParameters.fromDescription(own.replaceFirst("rules=\\S+", "rules=r0")),
        "other rules");
    assertEquals(
        Optional.empty(),
        DedupParameters.fromDescription(own.replace(" nameSwapTokens=15", "")),
        "a setting missing, as in descriptions older than it");
    assertEquals(
        Optional.empty(),
        DedupParameters.fromDescription(own.replace("samples=9", "samples=nine")),
        "a value unreadable");
    assertEquals(Optional.empty(), DedupParameters.fromDescription(""), "nothing recorded");
  }
}
