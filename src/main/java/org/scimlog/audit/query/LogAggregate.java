package org.scimlog.audit.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scimlog.json.DateTimeText;

/**
 * The answer of {@code GET /api/v1/logs/aggregate}: events per interval split by outcome, and the most frequent
 * event types, actors and targets, each with its count.
 */
record LogAggregate(AggregateQuery query, Counts counts, List<Ranked> actors, TopTargets targets, boolean fromRollup) {

    /**
     * An actor or target id (null for a target named only by type and name), its count, and how the log names
     * it (null when no event of the window does).
     */
    record Ranked(@Nullable String id, long count, @Nullable JsonNode label) {
    }

    /**
     * The top targets of the newest {@code counted} matching events, the oldest of which was published at
     * {@code oldestCounted} (null when none of them names a target).
     */
    record TopTargets(List<Ranked> ranked, long counted, @Nullable Instant oldestCounted) {
    }

    /** Counts added up from rows of (bucket, event type, outcome, actor id, events), whatever their source. */
    static final class Counts {
        private final long[] bucketTotals;
        private final List<Map<String, Long>> bucketOutcomes;
        private final Map<String, Long> outcomes = new TreeMap<>();
        private final Map<String, Long> eventTypes = new HashMap<>();
        private final Map<String, Long> actors = new HashMap<>();
        private long total;

        Counts(AggregateQuery query) {
            long seconds = query.interval().toSeconds();
            int buckets = (int) Math.max(1, Math.floorDiv(query.until().getEpochSecond() - 1
                    - query.firstBucket().getEpochSecond(), seconds) + 1);
            bucketTotals = new long[buckets];
            bucketOutcomes = new ArrayList<>(buckets);
            for (int i = 0; i < buckets; i++) {
                bucketOutcomes.add(new TreeMap<>());
            }
        }

        void add(int bucket, String eventType, String outcome, String actorId, long events) {
            int index = Math.max(0, Math.min(bucketTotals.length - 1, bucket));
            bucketTotals[index] += events;
            bucketOutcomes.get(index).merge(outcome, events, Long::sum);
            outcomes.merge(outcome, events, Long::sum);
            eventTypes.merge(eventType, events, Long::sum);
            if (!actorId.isEmpty()) {
                actors.merge(actorId, events, Long::sum);
            }
            total += events;
        }

        long total() {
            return total;
        }

        List<Map.Entry<String, Long>> topActors(int n) {
            return top(actors, n);
        }

        private static List<Map.Entry<String, Long>> top(Map<String, Long> counts, int n) {
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(n).toList();
        }
    }

    ObjectNode toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("since", DateTimeText.of(query.since()));
        root.put("until", DateTimeText.of(query.until()));
        root.put("intervalSeconds", query.interval().toSeconds());
        root.put("total", counts.total);
        root.put("countedFrom", fromRollup ? "rollup" : "events");
        ObjectNode outcomes = root.putObject("outcomes");
        counts.outcomes.forEach(outcomes::put);
        ArrayNode buckets = root.putArray("buckets");
        long seconds = query.interval().toSeconds();
        for (int i = 0; i < counts.bucketTotals.length; i++) {
            ObjectNode bucket = buckets.addObject();
            bucket.put("start", DateTimeText.of(query.firstBucket().plusSeconds(i * seconds)));
            bucket.put("total", counts.bucketTotals[i]);
            ObjectNode byOutcome = bucket.putObject("outcomes");
            counts.bucketOutcomes.get(i).forEach(byOutcome::put);
        }
        ArrayNode types = root.putArray("eventTypes");
        for (Map.Entry<String, Long> type : Counts.top(counts.eventTypes, LogAggregateReader.TOP)) {
            types.addObject().put("eventType", type.getKey()).put("count", type.getValue());
        }
        ranked(root.putArray("actors"), actors);
        ranked(root.putArray("targets"), targets.ranked());
        if (counts.total > targets.counted() && targets.oldestCounted() != null) {
            // top targets of a part of the matching events: say which part, so no one reads them as the whole
            root.putObject("targetsCounted").put("events", targets.counted())
                    .put("since", DateTimeText.of(targets.oldestCounted()));
        }
        return root;
    }

    private static void ranked(ArrayNode array, List<Ranked> ranked) {
        for (Ranked entry : ranked) {
            ObjectNode node = array.addObject();
            if (entry.id() != null) {
                node.put("id", entry.id());
            }
            if (entry.label() != null) {
                for (String field : List.of("type", "alternateId", "displayName")) {
                    JsonNode value = entry.label().path(field);
                    if (value.isTextual()) {
                        node.put(field, value.asText());
                    }
                }
            }
            node.put("count", entry.count());
        }
    }
}
