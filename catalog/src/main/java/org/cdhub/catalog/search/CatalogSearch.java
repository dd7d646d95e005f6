package org.cdhub.catalog.search;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.cdhub.catalog.registry.Dataset;
import org.cdhub.catalog.registry.DatasetField;

/**
 * Ranked full-text search over catalog entries: titles, providers, abstracts, field names and
 * field descriptions, segmented by Lucene's smartcn analyzer (a hidden-Markov-model word
 * segmenter for simplified Chinese; English words are stemmed), so 退役军人 finds the veterans'
 * roster and 身份证号 every table carrying an ID number. A match in the title weighs most, then the
 * provider and field names, then the abstract and field descriptions; a query that is exactly a
 * qualified name or resource code puts that dataset first.
 *
 * <p>The query is plain words, never Lucene query syntax: operators and quotes a user types are
 * text, so no input can change what is searched. The index lives in memory; a catalog holds
 * hundreds of datasets, so it is rebuilt from the registry when the caller needs fresh results.
 */
public final class CatalogSearch {
  /** Longest query taken; longer text is refused, not truncated. */
  public static final int MAX_QUERY_LENGTH = 200;
  public static final int MAX_LIMIT = 100;

  private static final String KEY = "qualified_name";
  private static final String CODE = "resource_code";
  /** Searched fields and their weights. */
  private static final Map<String, Float> WEIGHTS = Map.of(
      "title", 4.0f,
      "provider", 2.0f,
      "field_names", 2.0f,
      "description", 1.5f,
      "field_descriptions", 1.0f);

  private final Analyzer analyzer = new SmartChineseAnalyzer();
  private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
  private final List<Dataset> datasets;
  private final DirectoryReader reader;

  private CatalogSearch(List<Dataset> datasets) throws IOException {
    this.datasets = List.copyOf(datasets);
    try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
      for (int i = 0; i < this.datasets.size(); i++) {
        writer.addDocument(document(i, this.datasets.get(i)));
      }
    }
    this.reader = DirectoryReader.open(directory);
  }

  /** An index of these datasets (a snapshot: later changes to the registry need a new one). */
  public static CatalogSearch of(List<Dataset> datasets) {
    requireNonNull(datasets, "datasets is null");
    try {
      return new CatalogSearch(datasets);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot index the catalog", e);
    }
  }

  /**
   * Datasets matching the words of {@code query} (all of them when there are one or two, three in four when more), best
   * first (ties in registry order).
   *
   * @throws IllegalArgumentException for a blank query, one over {@value #MAX_QUERY_LENGTH}
   *     characters, or a limit outside 1..{@value #MAX_LIMIT}
   */
  public List<SearchHit> search(String query, int limit) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("Invalid catalog search: q is blank");
    }
    if (query.length() > MAX_QUERY_LENGTH) {
      throw new IllegalArgumentException("Invalid catalog search: q is longer than " + MAX_QUERY_LENGTH + " characters");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("Invalid catalog search: limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
    Query q = query(query.strip());
    try {
      IndexSearcher searcher = new IndexSearcher(reader);
      List<SearchHit> hits = new ArrayList<>();
      for (ScoreDoc doc : searcher.search(q, limit).scoreDocs) {
        int position = searcher.storedFields().document(doc.doc).getField("position").numericValue().intValue();
        hits.add(new SearchHit(datasets.get(position), doc.score));
      }
      return List.copyOf(hits);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot search the catalog index", e);
    }
  }

  private Query query(String text) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    any.add(new BoostQuery(new TermQuery(new Term(KEY, text.toLowerCase(Locale.ROOT))), 20f), BooleanClause.Occur.SHOULD);
    any.add(new BoostQuery(new TermQuery(new Term(CODE, text.toUpperCase(Locale.ROOT))), 20f), BooleanClause.Occur.SHOULD);
    Set<String> words = words(text);
    if (!words.isEmpty()) {
      BooleanQuery.Builder most = new BooleanQuery.Builder();
      for (String word : words) {
        List<Query> perField = new ArrayList<>();
        WEIGHTS.forEach((field, weight) -> perField.add(new BoostQuery(new TermQuery(new Term(field, word)), weight)));
        // the best field decides, the others add a little: a word in title and abstract beats one in the abstract only
        most.add(new DisjunctionMaxQuery(perField, 0.1f), BooleanClause.Occur.SHOULD);
      }
      // segmentation splits off one-character words (身份证号 -> 身份证 + 号) that alone match almost anything
      most.setMinimumNumberShouldMatch(words.size() <= 2 ? words.size() : (int) Math.ceil(words.size() * 0.75));
      any.add(most.build(), BooleanClause.Occur.SHOULD);
    }
    return any.build();
  }

  /** The query's words as the analyzer indexes them (segmented, lower-cased, stemmed; punctuation dropped). */
  Set<String> words(String text) {
    Set<String> words = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream("title", text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        words.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot analyze the query", e);
    }
    return words;
  }

  private static Document document(int position, Dataset d) {
    Document doc = new Document();
    doc.add(new StoredField("position", position));
    doc.add(new StringField(KEY, d.qualifiedName(), Field.Store.NO));
    doc.add(new StringField(CODE, d.resourceCode(), Field.Store.NO));
    doc.add(new TextField("title", d.title(), Field.Store.NO));
    doc.add(new TextField("provider", d.providerDepartment(), Field.Store.NO));
    if (d.description() != null) {
      doc.add(new TextField("description", d.description(), Field.Store.NO));
    }
    for (DatasetField f : d.fields()) {
      // snake_case column names become words: id_number -> id number
      doc.add(new TextField("field_names", f.name().replace('_', ' '), Field.Store.NO));
      if (f.description() != null) {
        doc.add(new TextField("field_descriptions", f.description(), Field.Store.NO));
      }
    }
    return doc;
  }
}
