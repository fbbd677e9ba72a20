package io.liouring.nio.realapp;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Compares what a Lucene reader returns with what the workload indexed ({@link LuceneModel}, {@link LuceneCorpus}):
 * every stored field and doc value of every live document, and the hit counts of term, group, conjunction and
 * phrase queries and a sorted search. A difference throws {@link AssertionError} naming it.
 */
final class LuceneChecks {
    /** Words whose hit counts are checked. */
    private static final int CHECKED_WORDS = 20;

    private LuceneChecks() {
    }

    /**
     * Checks every live document of {@code reader} and the query answers against {@code model}.
     *
     * @return a one-line summary of the answers (equal for equal indexes, whatever their segments)
     */
    static String verifyAll(DirectoryReader reader, LuceneModel model) throws IOException {
        expect(model.size(), reader.numDocs(), "numDocs");
        BitSet seen = new BitSet();
        for (LeafReaderContext leaf : reader.leaves()) {
            Bits liveDocs = leaf.reader().getLiveDocs();
            StoredFields stored = leaf.reader().storedFields();
            NumericDocValues nums = leaf.reader().getNumericDocValues("num");
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                if (liveDocs != null && !liveDocs.get(doc)) {
                    continue;
                }
                int number = checkStored(stored.document(doc), nums, doc, model);
                if (seen.get(number)) {
                    throw new AssertionError(LuceneCorpus.id(number) + " is live twice");
                }
                seen.set(number);
            }
        }
        expect(model.size(), seen.cardinality(), "distinct live ids");

        IndexSearcher searcher = new IndexSearcher(reader);
        StringBuilder summary = new StringBuilder("docs=").append(reader.numDocs());
        for (int w = 0; w < CHECKED_WORDS; w++) {
            String word = "w" + (w * 7);
            int hits = searcher.count(new TermQuery(new Term("body", word)));
            expect(model.withWord(word), hits, "hits of body:" + word);
            summary.append(' ').append(word).append('=').append(hits);
        }
        for (int g = 0; g < LuceneCorpus.GROUPS; g++) {
            String group = "g" + g;
            int hits = searcher.count(new TermQuery(new Term("group", group)));
            expect(model.inGroup(group), hits, "hits of group:" + group);
            summary.append(' ').append(group).append('=').append(hits);
        }
        List<String> first = LuceneCorpus.words(0, 1);
        for (int at : new int[] {0, 5, 11}) {
            String a = first.get(at), b = first.get(at + 1);
            BooleanQuery both = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term("body", a)), BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term("body", b)), BooleanClause.Occur.MUST).build();
            int bothHits = searcher.count(both);
            expect(model.withBoth(a, b), bothHits, "hits of +" + a + " +" + b);
            int phraseHits = searcher.count(new PhraseQuery("body", a, b));
            expect(model.withPhrase(a, b), phraseHits, "hits of \"" + a + " " + b + "\"");
            summary.append(" +").append(a).append('+').append(b).append('=').append(bothHits)
                    .append(" \"").append(a).append(' ').append(b).append("\"=").append(phraseHits);
        }
        TopDocs top = searcher.search(new MatchAllDocsQuery(), 10,
                new Sort(new SortField("num", SortField.Type.LONG, true)));
        List<String> topIds = new ArrayList<>();
        for (ScoreDoc hit : top.scoreDocs) {
            topIds.add(searcher.storedFields().document(hit.doc).get("id"));
        }
        expect(model.topByNum(10), topIds, "top 10 by num");
        summary.append(" top=").append(topIds.getFirst());
        return summary.toString();
    }

    /**
     * Hit counts of the per-prefix answers of an append-only index of version-1 documents: with one indexing thread
     * adding documents in number order, a near-real-time reader holds exactly documents {@code 0..k-1}.
     */
    static final class Prefixes {
        private final int documents;
        /** {@code withWord[w][k]}: how many of documents {@code 0..k-1} contain word {@code w}. */
        private final int[][] withWord;

        /** The counts for documents {@code 0..documents-1} at version 1. */
        Prefixes(int documents) {
            this.documents = documents;
            this.withWord = new int[LuceneCorpus.VOCABULARY][documents + 1];
            for (int n = 0; n < documents; n++) {
                boolean[] has = new boolean[LuceneCorpus.VOCABULARY];
                for (String word : LuceneCorpus.words(n, 1)) {
                    has[Integer.parseInt(word.substring(1))] = true;
                }
                for (int w = 0; w < LuceneCorpus.VOCABULARY; w++) {
                    withWord[w][n + 1] = withWord[w][n] + (has[w] ? 1 : 0);
                }
            }
        }

        /**
         * Checks that {@code reader} holds exactly the first {@code k} documents, {@code k} being its document count:
         * no deletions, the group and word counts of that prefix, document {@code k-1}'s fields and a random one's,
         * and no document {@code k}.
         *
         * @return {@code k}
         */
        int verify(DirectoryReader reader, SplittableRandom random) throws IOException {
            int k = reader.numDocs();
            expect(k, reader.maxDoc(), "maxDoc of an append-only reader");
            IndexSearcher searcher = new IndexSearcher(reader);
            for (int g = 0; g < LuceneCorpus.GROUPS; g++) {
                int expected = k / LuceneCorpus.GROUPS + (g < k % LuceneCorpus.GROUPS ? 1 : 0);
                expect(expected, searcher.count(new TermQuery(new Term("group", "g" + g))), "prefix " + k + " g" + g);
            }
            for (int i = 0; i < 3; i++) {
                int w = random.nextInt(LuceneCorpus.VOCABULARY);
                expect(withWord[w][k], searcher.count(new TermQuery(new Term("body", "w" + w))), "prefix " + k + " w" + w);
            }
            if (k > 0) {
                checkOne(searcher, k - 1, 1);
                checkOne(searcher, random.nextInt(k), 1);
            }
            if (k < documents) {
                expect(0, searcher.count(new TermQuery(new Term("id", LuceneCorpus.id(k)))), "hits of the next id");
            }
            return k;
        }
    }

    /**
     * What holds of any reader of the workload at any moment: the first hits of a random word have the fields of
     * their own number and version, and a random id has at most one live document.
     */
    static void verifySample(DirectoryReader reader, SplittableRandom random, int documents) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        TopDocs hits = searcher.search(new TermQuery(new Term("body", "w" + random.nextInt(LuceneCorpus.VOCABULARY))), 20);
        for (ScoreDoc hit : hits.scoreDocs) {
            checkHit(searcher, hit.doc, null);
        }
        int number = random.nextInt(documents);
        TopDocs byId = searcher.search(new TermQuery(new Term("id", LuceneCorpus.id(number))), 2);
        if (byId.scoreDocs.length > 1) {
            throw new AssertionError(LuceneCorpus.id(number) + " is live twice");
        }
    }

    /** Document {@code number} is live once, at {@code version}, with its fields. */
    private static void checkOne(IndexSearcher searcher, int number, int version) throws IOException {
        TopDocs byId = searcher.search(new TermQuery(new Term("id", LuceneCorpus.id(number))), 2);
        expect(1, byId.scoreDocs.length, "live documents " + LuceneCorpus.id(number));
        int found = checkHit(searcher, byId.scoreDocs[0].doc, null);
        expect(version, found, "version of " + LuceneCorpus.id(number));
    }

    /** Checks a hit's stored fields and doc value against its own number and version; returns the version. */
    private static int checkHit(IndexSearcher searcher, int doc, LuceneModel model) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        Document stored = leaf.reader().storedFields().document(local);
        checkStored(stored, leaf.reader().getNumericDocValues("num"), local, model);
        return stored.getField("version").numericValue().intValue();
    }

    /**
     * Checks one document's stored fields and {@code num} doc value (of {@code nums} at {@code doc}, read forward
     * only) against its number and version, and the version against {@code model} unless it is null.
     *
     * @return the document's number
     */
    private static int checkStored(Document stored, NumericDocValues nums, int doc, LuceneModel model)
            throws IOException {
        String id = stored.get("id");
        int number = LuceneCorpus.number(id);
        int version = stored.getField("version").numericValue().intValue();
        if (model != null) {
            expect(model.live().get(number), version, "version of live " + id);
        }
        expect(LuceneCorpus.payload(number, version), stored.get("payload"), "payload of " + id + " v" + version);
        if (nums == null || !nums.advanceExact(doc)) {
            throw new AssertionError("no num doc value for " + id);
        }
        expect(LuceneCorpus.num(number, version), nums.longValue(), "num of " + id);
        return number;
    }

    /** Throws {@link AssertionError} naming {@code what} unless {@code actual} equals {@code expected}. */
    static void expect(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual);
        }
    }
}
