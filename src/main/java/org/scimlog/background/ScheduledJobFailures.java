package org.scimlog.background;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.scheduling.DefaultTaskExceptionHandler;
import io.micronaut.scheduling.TaskExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A {@code @Scheduled} round that throws is counted and logged like any background failure: the
 * framework's own handler logged the exception with its message and stack, which for a database failure
 * prints the statement with its values. The scheduler runs the next round either way.
 */
@Singleton
@Replaces(DefaultTaskExceptionHandler.class)
public class ScheduledJobFailures implements TaskExceptionHandler<Object, Throwable> {

    private final BackgroundJobs jobs;

    public ScheduledJobFailures(BackgroundJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void handle(Object bean, Throwable throwable) {
        jobs.survived(bean == null ? "scheduled" : bean.getClass().getSimpleName().replace("$Intercepted", ""), throwable);
    }
}
