package org.scimlog.audit.query;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import org.scimlog.security.Caller;
import org.scimlog.security.Scopes;

/** Okta's System Log API, {@code GET /api/v1/logs}, over the caller's tenant's events. */
@Controller(LogLinks.PATH)
@Secured({Scopes.LOGS_READ, Scopes.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
public class LogsController {

    private final LogQueryInterpreter interpreter;
    private final LogEventReader reader;
    private final LogLinks links;

    LogsController(LogQueryInterpreter interpreter, LogEventReader reader, LogLinks links) {
        this.interpreter = interpreter;
        this.reader = reader;
        this.links = links;
    }

    @Get
    @Produces(MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> list(HttpRequest<?> request, Authentication authentication) {
        LogQueryParameters parameters = LogQueryParameters.from(request.getParameters());
        LogQuery query = interpreter.interpret(parameters);
        LogPage page = reader.read(Caller.of(authentication).tenantId(), query);
        MutableHttpResponse<byte[]> response = HttpResponse.ok(page.jsonArray()).contentType(MediaType.APPLICATION_JSON_TYPE);
        response.getHeaders().add(HttpHeaders.LINK, links.self(parameters));
        page.nextCursor().ifPresent(next -> response.getHeaders().add(HttpHeaders.LINK, links.next(parameters, next)));
        return response;
    }
}
