package io.github.copydesk.index;

import java.io.IOException;

/** An index that this code cannot extend: another schema version or other dedup settings. */
public final class IncompatibleIndexException extends IOException {

  private static final long serialVersionUID = 1L;

  /** An incompatible index, with what differs in plain words. */
  public IncompatibleIndexException(String message) {
    super(message);
  }
}
