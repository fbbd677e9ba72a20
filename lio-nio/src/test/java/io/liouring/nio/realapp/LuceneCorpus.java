package io.liouring.nio.realapp;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents of {@link LuceneWorkload}: every field of a document is a pure function of its number and version,
 * so whatever a reader returns can be checked exactly against what was indexed.
 *
 * <ul>
 *   <li>{@code id}: {@code doc-00042}, indexed as one term and stored;
 *   <li>{@code group}: {@code g0} to {@code g9}, the number modulo {@value #GROUPS}, indexed only;
 *   <li>{@code body}: 20 to 59 words {@code w0} to {@code w199}, tokenized with positions, not stored;
 *   <li>{@code payload}: 100 to 3,099 stored characters; {@code version}: stored; {@code num}: doc values.
 * </ul>
 */
final class LuceneCorpus {
    /** How many distinct words bodies draw from. */
    static final int VOCABULARY = 200;
    /** How many groups documents fall into. */
    static final int GROUPS = 10;
    /** The bodies drawn so far, by number and version: the checks ask for each many times. */
    private static final Map<Long, List<String>> WORDS = new ConcurrentHashMap<>();

    private LuceneCorpus() {
    }

    /** The id term of document {@code number}. */
    static String id(int number) {
        return String.format("doc-%05d", number);
    }

    /** The document number an id term names. */
    static int number(String id) {
        return Integer.parseInt(id.substring("doc-".length()));
    }

    /** The group term of document {@code number}. */
    static String group(int number) {
        return "g" + (number % GROUPS);
    }

    /** The words of the body of document {@code number} at {@code version}, in order (worked out once each). */
    static List<String> words(int number, int version) {
        return WORDS.computeIfAbsent(number * 16L + version, key -> draw(number, version));
    }

    private static List<String> draw(int number, int version) {
        SplittableRandom random = new SplittableRandom(number * 1_000_003L + version);
        int count = 20 + random.nextInt(40);
        List<String> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            words.add("w" + random.nextInt(VOCABULARY));
        }
        return List.copyOf(words);
    }

    /** The stored payload of document {@code number} at {@code version}. */
    static String payload(int number, int version) {
        SplittableRandom random = new SplittableRandom(number * 7_777_777L + version * 31L);
        int length = 100 + random.nextInt(3_000);
        StringBuilder text = new StringBuilder(length + 16).append(id(number)).append('v').append(version).append(':');
        while (text.length() < length) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    /** The {@code num} doc value of document {@code number} at {@code version}: distinct for each live document. */
    static long num(int number, int version) {
        return number * 10L + version;
    }

    /** Document {@code number} at {@code version}, as indexed. */
    static Document document(int number, int version) {
        Document doc = new Document();
        doc.add(new StringField("id", id(number), Field.Store.YES));
        doc.add(new StringField("group", group(number), Field.Store.NO));
        doc.add(new TextField("body", String.join(" ", words(number, version)), Field.Store.NO));
        doc.add(new StoredField("payload", payload(number, version)));
        doc.add(new StoredField("version", version));
        doc.add(new NumericDocValuesField("num", num(number, version)));
        return doc;
    }
}
