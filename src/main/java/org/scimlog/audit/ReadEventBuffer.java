package org.scimlog.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.scimlog.background.BackgroundJobs;
import org.scimlog.database.DatabaseFailures;
import org.scimlog.database.SafeFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events of reads (Okta's lookups and imports) are written in batches by one background writer instead
 * of one transaction per read: a read then costs no write round trip. They change nothing, so the few
 * milliseconds a crash could lose are an accepted trade; every write's events are still committed with
 * the write itself. When the buffer is full, the reader writes its event itself rather than drop it.
 * <p>
 * One event the database refuses (a byte PostgreSQL cannot store, say) must not cost the others, nor the
 * writer: a refused batch is written again one event at a time, and only the event that is refused alone is
 * dropped, with an ERROR line that names it but quotes none of its values, and a count in
 * {@code scimlog_log_read_events_dropped_total}. Its depth is {@code scimlog_log_read_buffer_events}. While the database is unreachable nothing is dropped:
 * the batch waits and is retried. On shutdown every queued event is written before the pool closes.
 */
@Singleton
public class ReadEventBuffer {

    static final String JOB = "read-event-writer";

    private static final Logger LOG = LoggerFactory.getLogger(ReadEventBuffer.class);
    private static final int BATCH = 1000;
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long RETRY_MILLIS = 500;

    private final AuditLog auditLog;
    private final ReadRecording recording;
    private final BackgroundJobs jobs;
    private final BlockingQueue<PendingEvent> queue;
    private final Thread writer;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Counter dropped;
    private final Counter overflows;
    private volatile boolean running = true;

    public ReadEventBuffer(AuditLog auditLog, ReadRecording recording, BackgroundJobs jobs, MeterRegistry registry,
                           @Value("${scimlog.log.read-buffer:20000}") int capacity) {
        this.auditLog = auditLog;
        this.recording = recording;
        this.jobs = jobs;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dropped = Counter.builder("scimlog.log.read.events.dropped")
                .description("Read events the database refused to store (each logged at ERROR without its values)")
                .register(registry);
        this.overflows = Counter.builder("scimlog.log.read.buffer.overflows")
                .description("Read events written by the request itself because the buffer was full (or closing)")
                .register(registry);
        Gauge.builder("scimlog.log.read.buffer.events", queue, BlockingQueue::size)
                .description("Read events waiting in the buffer to be written")
                .register(registry);
        Gauge.builder("scimlog.log.read.buffer.capacity", queue, q -> q.size() + q.remainingCapacity())
                .description("How many read events the buffer holds before requests write their own")
                .register(registry);
        this.writer = jobs.startThread(JOB, this::drainContinuously);
    }

    /** Events of reads that succeeded; nothing, not even built, when the operator records no such reads. */
    public void record(RequestContext context, List<EventDraft> drafts) {
        if (!recording.recordsSuccessfulReads()) {
            return;
        }
        auditLog.prepare(context, drafts).forEach(this::offer);
    }

    /** Queues one prepared event; written by the caller itself when the buffer is full or closed. */
    void offer(PendingEvent event) {
        accepted.incrementAndGet();
        if (!running || !queue.offer(event)) {
            overflows.increment();
            writeIsolating(new ArrayList<>(List.of(event)));
        }
    }

    /** Returns once every event recorded before the call is written or dropped (or the wait times out). */
    public void flush() {
        long target = accepted.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<PendingEvent> batch = new ArrayList<>();
        while (done.get() < target && System.nanoTime() < deadline) {
            if (queue.drainTo(batch, BATCH) > 0) {
                try {
                    writeIsolating(batch);
                } catch (RuntimeException e) {
                    // the database is away; put nothing back in a caller's way: log and give up this flush
                    jobs.survived(JOB, e);
                    return;
                }
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
                writeIsolating(batch);
                batch.clear();
            } catch (InterruptedException e) {
                // close() interrupts to end a wait early; any other interrupt (a driver, the pool) must not
                // end the writer: the loop only ends when running is false
                continue;
            } catch (Throwable e) {
                // only a database that cannot be reached gets here: keep the batch and try again
                jobs.survived(JOB, e);
                pauseWriter();
            }
        }
        Thread.interrupted(); // the pool refuses an interrupted thread a connection
        queue.drainTo(batch);
        writeRemaining(batch);
    }

    /** At shutdown: the database may still be coming back, so a few tries before the queue is given up. */
    private void writeRemaining(List<PendingEvent> batch) {
        for (int attempt = 1; !batch.isEmpty(); attempt++) {
            try {
                writeIsolating(batch);
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    LOG.error("{} read events could not be written before shutdown: {}", batch.size(),
                            SafeFailure.describe(e));
                    return;
                }
                sleep(RETRY_MILLIS);
            }
        }
    }

    /**
     * Writes the batch in one transaction; if the database refuses it for its content, writes the events one
     * by one and drops only those refused alone. Throws when the database is unreachable, having written
     * (and removed from {@code batch}) what it could.
     */
    private void writeIsolating(List<PendingEvent> batch) {
        try {
            auditLog.insertAlone(batch, EventMeters.MODE_READ_BATCH);
            done.addAndGet(batch.size());
            batch.clear();
            return;
        } catch (Throwable e) {
            if (DatabaseFailures.isTransient(e)) {
                throw asRuntime(e);
            }
            if (batch.size() == 1) {
                drop(batch.remove(0), e);
                return;
            }
        }
        while (!batch.isEmpty()) {
            PendingEvent event = batch.get(0);
            try {
                auditLog.insertAlone(List.of(event), EventMeters.MODE_READ_BATCH);
                done.incrementAndGet();
            } catch (Throwable e) {
                if (DatabaseFailures.isTransient(e)) {
                    throw asRuntime(e);
                }
                drop(event, e);
            }
            batch.remove(0);
        }
    }

    private void drop(PendingEvent event, Throwable refusal) {
        dropped.increment();
        done.incrementAndGet();
        // the event's values stay out of the log line: they are what the database refused, and may be secrets
        LOG.error("dropped read event {} ({}) of tenant {}: the database refused it: {}", event.uuid(),
                event.eventType(), event.tenantId(), SafeFailure.describe(refusal));
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(SafeFailure.describe(e));
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

    /** The writer's wait before a retry; an interrupt only shortens it (see drainContinuously). */
    private static void pauseWriter() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            // running decides whether the writer goes on
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes every queued event before the pool closes (beans are destroyed after the server stopped). */
    @PreDestroy
    void close() {
        jobs.stopped(JOB);
        running = false;
        writer.interrupt();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
