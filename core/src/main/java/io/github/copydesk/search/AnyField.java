package io.github.copydesk.search;

import io.github.copydesk.index.IndexSchema;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

/**
 * An unquoted word in all its forms in the headline or body: the same as {@link #forms()} (the
 * forms of each field), which is what highlighting and explanations see, and the same as one term
 * of {@link IndexSchema#STEMS}, which is what an article search runs.
 */
final class AnyField extends Query {

  private final Term stem;
  private final Query forms;

  AnyField(Term stem, Query forms) {
    this.stem = Objects.requireNonNull(stem, "stem");
    this.forms = Objects.requireNonNull(forms, "forms");
  }

  /** The word's stem, as a {@link IndexSchema#STEMS} term. */
  Term stem() {
    return stem;
  }

  /** The word's forms in the headline or the body. */
  Query forms() {
    return forms;
  }

  /** The word's forms in the body, as a query on the paragraphs. */
  Query bodyForms() {
    for (BooleanClause c : ((BooleanQuery) forms).clauses()) {
      Set<String> fields = new HashSet<>();
      c.query()
          .visit(
              new QueryVisitor() {
                @Override
                public boolean acceptField(String field) {
                  fields.add(field);
                  return false;
                }
              });
      if (fields.contains(IndexSchema.BODY)) {
        return c.query();
      }
    }
    throw new IllegalStateException("no body forms in " + forms);
  }

  @Override
  public Query rewrite(IndexSearcher searcher) {
    return forms;
  }

  @Override
  public void visit(QueryVisitor visitor) {
    forms.visit(visitor.getSubVisitor(BooleanClause.Occur.MUST, this));
  }

  @Override
  public String toString(String field) {
    return forms.toString(field);
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && stem.equals(((AnyField) other).stem)
        && forms.equals(((AnyField) other).forms);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * classHash() + stem.hashCode()) + forms.hashCode();
  }
}
