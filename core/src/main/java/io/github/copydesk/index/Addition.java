package io.github.copydesk.index;

/** What adding an article did with it. */
public enum Addition {
  /** The index held no article with its id: added. */
  ADDED,
  /** The index held an article with its id and other content: replaced by it. */
  REPLACED,
  /** The index held it already, with the same id and content: skipped. */
  UNCHANGED
}
