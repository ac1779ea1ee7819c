package io.nova.platform.app.api;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.nova.platform.core.access.ForbiddenException;
import io.nova.platform.core.common.ConflictException;
import io.nova.platform.core.common.FieldViolation;
import io.nova.platform.core.common.InvalidRequestException;
import io.nova.platform.core.common.NotFoundException;
import io.nova.platform.core.common.StaleVersionException;
import io.nova.platform.core.desired.DeliveryFailedException;
import io.nova.platform.core.serving.UnplannableCoLocationException;
import io.nova.platform.core.serving.UnplannableDeploymentException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Maps every failure to RFC 9457 problem details with a stable {@code type}, a human {@code detail}, the request id,
 * and field-level {@code errors}. Nothing internal (stack traces, SQL, class names) reaches the caller.
 */
@RestControllerAdvice
class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

    /** A valid request that does not fit: the plan (arithmetic, alternatives) travels with the errors. */
    @ExceptionHandler(UnplannableDeploymentException.class)
    ResponseEntity<Object> unplannable(UnplannableDeploymentException e, WebRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.DOES_NOT_FIT, "Does not fit", e.getMessage(),
                Map.of("errors", e.violations(), "plan", e.plan()), request);
    }

    @ExceptionHandler(UnplannableCoLocationException.class)
    ResponseEntity<Object> unplannable(UnplannableCoLocationException e, WebRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.DOES_NOT_FIT, "Does not fit", e.getMessage(),
                Map.of("errors", e.violations(), "plan", e.plan()), request);
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e, WebRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.VALIDATION_FAILED, "Validation failed",
                e.getMessage(), Map.of("errors", e.violations()), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", e.getMessage(), Map.of(), request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", e.getMessage(),
                Map.of("conflicts", e.conflicts()), request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException e, WebRequest request) {
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", e.getMessage(), Map.of(), request);
    }

    @ExceptionHandler(DeliveryFailedException.class)
    ResponseEntity<Object> deliveryFailed(DeliveryFailedException e, WebRequest request) {
        return problem(HttpStatus.BAD_GATEWAY, ProblemTypes.DELIVERY_FAILED, "Delivery failed", e.getMessage(),
                Map.of(), request);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<Object> stale(StaleVersionException e, WebRequest request) {
        return problem(HttpStatus.PRECONDITION_FAILED, ProblemTypes.PRECONDITION_FAILED, "Precondition failed",
                e.getMessage(), Map.of(), request);
    }

    /** Two writers raced past the version check; the loser learns it instead of overwriting. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrent(OptimisticLockingFailureException e, WebRequest request) {
        boolean conditional = request.getHeader(HttpHeaders.IF_MATCH) != null;
        return problem(conditional ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT,
                ProblemTypes.CONCURRENT_MODIFICATION, "Concurrent modification",
                "Someone else changed this resource at the same time; read it again and retry", Map.of(), request);
    }

    /** A unique key lost a race with a concurrent create; the service checks catch the ordinary case first. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e, WebRequest request) {
        log.info("Constraint violation turned into 409: {}", e.getMostSpecificCause().getMessage());
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict",
                "The change conflicts with a concurrent change (for example the same name created twice); "
                        + "read the current state and retry", Map.of(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Unexpected failure of request {}", MDC.get("requestId"), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
                "The platform failed to handle the request; the request id identifies it in the logs", Map.of(),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.MALFORMED_REQUEST, "Request too large",
                        "Request bodies are limited to 1 MiB", Map.of(), request);
            }
        }
        if (cause instanceof StreamConstraintsException limit) {
            return malformed("The request body exceeds a limit of this API: " + limit.getOriginalMessage(),
                    List.of(), request);
        }
        if (cause instanceof UnrecognizedPropertyException u) {
            String field = path(u);
            return malformed("Unknown field '%s'".formatted(field),
                    List.of(new FieldViolation(field, "is not a field of this resource")), request);
        }
        if (cause instanceof InvalidFormatException f) {
            String field = path(f);
            return malformed("Field '%s' has the wrong type or format".formatted(field),
                    List.of(new FieldViolation(field, "cannot be read as " + typeName(f.getTargetType()))), request);
        }
        if (cause instanceof MismatchedInputException m && !path(m).isEmpty()) {
            String field = path(m);
            return malformed("Field '%s' has the wrong type".formatted(field),
                    List.of(new FieldViolation(field, "must be " + typeName(m.getTargetType()))), request);
        }
        if (cause instanceof StreamReadException || cause instanceof JacksonException) {
            return malformed("The request body is not valid JSON", List.of(), request);
        }
        return malformed("The request body is missing or unreadable", List.of(), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        return malformed("Parameter '%s' has the wrong type".formatted(name),
                List.of(new FieldViolation(name, "must be " + typeName(e.getRequiredType()))), request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail pd) {
            decorate(pd, request);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<Object> malformed(String detail, List<FieldViolation> errors, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", detail,
                Map.of("errors", errors), request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, URI type, String title, String detail,
                                           Map<String, Object> properties, WebRequest request) {
        var pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setType(type);
        pd.setTitle(title);
        properties.forEach(pd::setProperty);
        decorate(pd, request);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(pd);
    }

    private static void decorate(ProblemDetail pd, WebRequest request) {
        if (pd.getInstance() == null && request instanceof org.springframework.web.context.request.ServletWebRequest s) {
            HttpServletRequest servlet = s.getRequest();
            pd.setInstance(URI.create(servlet.getRequestURI()));
        }
        String requestId = MDC.get("requestId");
        if (requestId != null) {
            pd.setProperty("requestId", requestId);
        }
    }

    private static String path(JacksonException e) {
        var sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).toList());
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a JSON object";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON object";
    }
}
