package io.liouring.nio.realapp;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * What an index of {@link LuceneCorpus} documents must hold after the workload's writes: the live document numbers
 * with their versions, and the answers to the queries that {@link LuceneChecks} asks, worked out from the corpus
 * rather than from the index.
 */
final class LuceneModel {
    /** Live document number to version. */
    private final TreeMap<Integer, Integer> live = new TreeMap<>();

    /** Document {@code number} was added or replaced by {@code version}. */
    void put(int number, int version) {
        live.put(number, version);
    }

    /** Document {@code number} was deleted (if live). */
    void remove(int number) {
        live.remove(number);
    }

    /** The live documents for which {@code test} holds (number, version) were deleted. */
    void removeIf(BiPredicate<Integer, Integer> test) {
        live.entrySet().removeIf(e -> test.test(e.getKey(), e.getValue()));
    }

    /** The live document numbers and their versions, in number order. */
    Map<Integer, Integer> live() {
        return live;
    }

    /** How many live documents there are. */
    int size() {
        return live.size();
    }

    /** How many live bodies contain {@code word}. */
    int withWord(String word) {
        return count((n, v) -> LuceneCorpus.words(n, v).contains(word));
    }

    /** How many live bodies contain both words. */
    int withBoth(String first, String second) {
        return count((n, v) -> {
            List<String> words = LuceneCorpus.words(n, v);
            return words.contains(first) && words.contains(second);
        });
    }

    /** How many live bodies contain {@code first} directly followed by {@code second}. */
    int withPhrase(String first, String second) {
        return count((n, v) -> {
            List<String> words = LuceneCorpus.words(n, v);
            for (int i = 0; i + 1 < words.size(); i++) {
                if (words.get(i).equals(first) && words.get(i + 1).equals(second)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** How many live documents are in {@code group}. */
    int inGroup(String group) {
        return count((n, v) -> LuceneCorpus.group(n).equals(group));
    }

    /** The ids of the {@code n} live documents with the highest {@code num}, highest first. */
    List<String> topByNum(int n) {
        // num grows with the document number, whatever the version (a version is below 10)
        return live.descendingKeySet().stream().limit(n).map(LuceneCorpus::id).toList();
    }

    private int count(BiPredicate<Integer, Integer> test) {
        int count = 0;
        for (Map.Entry<Integer, Integer> e : live.entrySet()) {
            if (test.test(e.getKey(), e.getValue())) {
                count++;
            }
        }
        return count;
    }
}
