package org.scimlog.audit;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events of reads (Okta's lookups and imports) are written in batches by one background writer instead
 * of one transaction per read: a read then costs no write round trip. They change nothing, so the few
 * milliseconds a crash could lose are an accepted trade; every write's events are still committed with
 * the write itself. When the buffer is full, the reader writes its event itself rather than drop it.
 */
@Singleton
public class ReadEventBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(ReadEventBuffer.class);
    private static final int BATCH = 1000;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final AuditLog auditLog;
    private final BlockingQueue<PendingEvent> queue;
    private final Thread writer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private volatile boolean running = true;

    public ReadEventBuffer(AuditLog auditLog, @Value("${scimlog.log.read-buffer:20000}") int capacity) {
        this.auditLog = auditLog;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drainContinuously, "read-event-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    public void record(RequestContext context, List<EventDraft> drafts) {
        List<PendingEvent> events = auditLog.prepare(context, drafts);
        for (PendingEvent event : events) {
            accepted.incrementAndGet();
            if (!queue.offer(event)) {
                auditLog.insertAlone(List.of(event));
                written.incrementAndGet();
            }
        }
    }

    /** Returns once every event recorded before the call is in the database (or the wait times out). */
    public void flush() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<PendingEvent> batch = new ArrayList<>();
        while (written.get() < target && System.nanoTime() < deadline) {
            if (queue.drainTo(batch, BATCH) > 0) {
                auditLog.insertAlone(batch);
                written.addAndGet(batch.size());
                batch.clear();
            } else {
                sleep(5);
            }
        }
    }

    private void drainContinuously() {
        List<PendingEvent> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                if (batch.isEmpty() && !collectBatch(batch)) {
                    continue;
                }
                auditLog.insertAlone(batch);
                written.addAndGet(batch.size());
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // keep the batch and retry: the database may be briefly unavailable
                LOG.warn("writing {} read events failed, retrying: {}", batch.size(), e.getMessage());
                sleep(500);
            }
        }
        if (!batch.isEmpty()) {
            auditLog.insertAlone(batch);
            written.addAndGet(batch.size());
        }
    }

    /**
     * Waits for a first event, then lingers briefly for more: under load one transaction then carries
     * hundreds of events instead of a handful, which is most of what a read's event costs the database.
     */
    private boolean collectBatch(List<PendingEvent> batch) throws InterruptedException {
        PendingEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return false;
        }
        batch.add(first);
        long deadline = System.nanoTime() + LINGER_NANOS;
        while (batch.size() < BATCH) {
            queue.drainTo(batch, BATCH - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= BATCH || left <= 0) {
                break;
            }
            PendingEvent next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return true;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
