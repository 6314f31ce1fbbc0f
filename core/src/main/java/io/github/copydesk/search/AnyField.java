package io.github.copydesk.search;

import io.github.copydesk.index.IndexSchema;
import java.util.Objects;
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
  private final Query bodyForms;
  private final Query forms;

  /** The word with stem {@code stem} and forms {@code headlineForms} and {@code bodyForms}. */
  AnyField(Term stem, Query headlineForms, Query bodyForms) {
    this.stem = Objects.requireNonNull(stem, "stem");
    this.bodyForms = Objects.requireNonNull(bodyForms, "bodyForms");
    this.forms =
        new BooleanQuery.Builder()
            .add(Objects.requireNonNull(headlineForms, "headlineForms"), BooleanClause.Occur.SHOULD)
            .add(bodyForms, BooleanClause.Occur.SHOULD)
            .build();
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
    return bodyForms;
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
