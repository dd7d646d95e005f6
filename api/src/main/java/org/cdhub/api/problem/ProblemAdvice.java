package org.cdhub.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.Locale;
import org.cdhub.api.catalog.DatasetNotRegisteredException;
import org.cdhub.api.correction.CorrectionNotFoundException;
import org.cdhub.catalog.correction.InvalidCorrectionException;
import org.cdhub.api.security.RoleRequiredException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.cdhub.api.report.ReportNotDefinedException;
import org.cdhub.api.returndata.PersonNotFoundException;
import org.cdhub.api.returndata.DatasetUnavailableException;
import org.cdhub.api.returndata.InvalidCursorException;
import org.cdhub.api.security.InvalidUnmaskRequestException;
import org.cdhub.api.security.OutsideJurisdictionException;
import org.cdhub.api.trino.InvalidQueryException;
import org.cdhub.api.trino.TrinoUnavailableException;
import org.cdhub.api.security.UnmaskNotGrantedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.cdhub.catalog.subscription.SubscriptionException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error into RFC 7807 Problem Details with the stable {@code code} =
 * {@code <field>.<rule>}, so clients never see a stack trace or an HTML page.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);
  /** Longest rejected value echoed back in a detail message. */
  private static final int MAX_ECHO = 40;

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
    // the generated interfaces are @Validated, so parameter rules arrive through method validation
    ConstraintViolation<?> first = e.getConstraintViolations().stream()
        // the first field, and its first rule, so that one request always gets the same code
        .min(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString())
            .thenComparing(v -> v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()))
        .orElseThrow(() -> new IllegalStateException("Constraint violation without violations", e));
    String field = lastNode(first.getPropertyPath());
    String rule = ApiProblem.kebab(first.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName());
    return respond(invalidParameter(field, rule, first.getMessage(), first.getInvalidValue()), request);
  }

  @ExceptionHandler(InvalidCursorException.class)
  ResponseEntity<ProblemDetail> invalidCursor(InvalidCursorException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.BAD_REQUEST, e.field(), e.rule(), "Invalid page cursor", e.getMessage()),
        request);
  }

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.BAD_REQUEST, e.field(), e.rule(), "Invalid request parameter", e.getMessage()),
        request);
  }

  @ExceptionHandler(OutsideJurisdictionException.class)
  ResponseEntity<ProblemDetail> outsideJurisdiction(OutsideJurisdictionException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.FORBIDDEN, "communityCode", "outside-jurisdiction",
        "Community outside the client's jurisdiction", e.getMessage()), request);
  }

  @ExceptionHandler(UnmaskNotGrantedException.class)
  ResponseEntity<ProblemDetail> unmaskNotGranted(UnmaskNotGrantedException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.FORBIDDEN, "unmask", "not-granted", "Unmasking not granted",
        e.getMessage()), request);
  }

  @ExceptionHandler(InvalidUnmaskRequestException.class)
  ResponseEntity<ProblemDetail> invalidUnmaskRequest(InvalidUnmaskRequestException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.BAD_REQUEST, e.field(), e.rule(), "Invalid request parameter",
        e.getMessage()), request);
  }

  @ExceptionHandler(DatasetUnavailableException.class)
  ResponseEntity<ProblemDetail> datasetUnavailable(DatasetUnavailableException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "dataset", "unavailable",
        "Dataset not published yet", e.getMessage()), request);
  }

  @ExceptionHandler(TrinoUnavailableException.class)
  ResponseEntity<ProblemDetail> trinoUnavailable(TrinoUnavailableException e, HttpServletRequest request) {
    LOG.warn("Request {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
    return respond(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "queryEngine", e.rule(),
        "Query engine unavailable", e.getMessage()), request);
  }

  @ExceptionHandler(InvalidQueryException.class)
  ResponseEntity<ProblemDetail> invalidQuery(InvalidQueryException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.BAD_REQUEST, e.field(), e.rule(), "Invalid dataset query", e.getMessage()),
        request);
  }

  @ExceptionHandler(DatasetNotRegisteredException.class)
  ResponseEntity<ProblemDetail> datasetNotRegistered(DatasetNotRegisteredException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.NOT_FOUND, "qualifiedName", "not-registered",
        "Dataset not in the catalog", e.getMessage()), request);
  }

  @ExceptionHandler(org.cdhub.api.lineage.DatasetNotInLineageException.class)
  ResponseEntity<ProblemDetail> datasetNotInLineage(org.cdhub.api.lineage.DatasetNotInLineageException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.NOT_FOUND, "qualifiedName", "not-in-lineage", "Dataset not in the hub's lineage",
        e.getMessage()), request);
  }

  @ExceptionHandler(org.cdhub.api.lineage.AuditorRoleRequiredException.class)
  ResponseEntity<ProblemDetail> auditorRoleRequired(org.cdhub.api.lineage.AuditorRoleRequiredException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.FORBIDDEN, "role", "auditor-required", "Auditors only", e.getMessage()), request);
  }

  @ExceptionHandler(SubscriptionException.class)
  ResponseEntity<ProblemDetail> subscription(SubscriptionException e, HttpServletRequest request) {
    HttpStatus status = switch (e.kind()) {
      case INVALID -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case FORBIDDEN -> HttpStatus.FORBIDDEN;
      case CONFLICT -> HttpStatus.CONFLICT;
    };
    return respond(new ApiProblem(status, e.field(), e.rule(), "Subscription not possible", e.getMessage()), request);
  }

  /** The audit could not be written: Trino's event listener retries on 503. */
  @ExceptionHandler(org.cdhub.api.queryaudit.AuditUnavailableException.class)
  ResponseEntity<ProblemDetail> auditUnavailable(org.cdhub.api.queryaudit.AuditUnavailableException e,
      HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "audit", "unavailable", "Access audit unavailable",
        e.getMessage()), request);
  }

  @ExceptionHandler(PersonNotFoundException.class)
  ResponseEntity<ProblemDetail> personNotFound(PersonNotFoundException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.NOT_FOUND, "masterId", "not-found", "No such person", e.getMessage()), request);
  }

  @ExceptionHandler(ReportNotDefinedException.class)
  ResponseEntity<ProblemDetail> reportNotDefined(ReportNotDefinedException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.NOT_FOUND, "reportCode", "not-defined", "No such report", e.getMessage()), request);
  }

  @ExceptionHandler(RoleRequiredException.class)
  ResponseEntity<ProblemDetail> roleRequired(RoleRequiredException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.FORBIDDEN, "role", "required", "Role required", e.getMessage()), request);
  }

  /** A correction breaking one of its rules (phone, address, dates, note); the message never repeats the value. */
  @ExceptionHandler(InvalidCorrectionException.class)
  ResponseEntity<ProblemDetail> invalidCorrection(InvalidCorrectionException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.BAD_REQUEST, e.field(), e.rule(), "Invalid correction", e.getMessage()),
        request);
  }

  @ExceptionHandler(CorrectionNotFoundException.class)
  ResponseEntity<ProblemDetail> correctionNotFound(CorrectionNotFoundException e, HttpServletRequest request) {
    return respond(new ApiProblem(HttpStatus.NOT_FOUND, "correctionId", "not-found", "No such correction", e.getMessage()),
        request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    LOG.error("Request {} {} failed", request.getMethod(), request.getRequestURI(), e);
    return respond(new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "server", "internal-error",
        "Internal error", "The hub could not answer this request; the error is logged on the server"), request);
  }

  /** Spring MVC's own exceptions (bad types, missing parameters, unknown paths...) get a code too. */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    ApiProblem problem = describe(ex, statusCode);
    String path = request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : null;
    return ResponseEntity.status(statusCode).headers(headers).body(problem.toProblemDetail(path));
  }

  private static ApiProblem describe(Exception ex, HttpStatusCode statusCode) {
    HttpStatus status = HttpStatus.resolve(statusCode.value());
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    if (ex instanceof HandlerMethodValidationException validation) {
      for (ParameterValidationResult result : validation.getParameterValidationResults()) {
        for (MessageSourceResolvable error : result.getResolvableErrors()) {
          String[] codes = error.getCodes();
          String rule = codes == null || codes.length == 0 ? "invalid" : ApiProblem.kebab(codes[codes.length - 1]);
          String field = result.getMethodParameter().getParameterName();
          return invalidParameter(field == null ? "parameter" : field, rule, error.getDefaultMessage(),
              result.getArgument());
        }
      }
    }
    if (ex instanceof MethodArgumentNotValidException body) {
      // a request body's field: the first by name, so that one body always gets the same code
      FieldError first = body.getBindingResult().getFieldErrors().stream()
          .min(Comparator.comparing(FieldError::getField).thenComparing(f -> String.valueOf(f.getCode())))
          .orElse(null);
      if (first != null) {
        // the value is not echoed: a body carries phones and addresses
        return invalidParameter(first.getField(), first.getCode() == null ? "invalid" : ApiProblem.kebab(first.getCode()),
            first.getDefaultMessage(), null);
      }
    }
    if (ex instanceof HttpMessageNotReadableException unreadable) {
      // broken JSON (cut off, stray characters) is malformed wherever it broke, though Jackson names the field it was in
      if (unreadable.getCause() instanceof JsonMappingException mapping
          && !(unreadable.getMostSpecificCause() instanceof com.fasterxml.jackson.core.JsonParseException) && !mapping.getPath().isEmpty()
          && mapping.getPath().get(mapping.getPath().size() - 1).getFieldName() != null) {
        String field = mapping.getPath().get(mapping.getPath().size() - 1).getFieldName();
        return invalidParameter(field, "type", "has a value of the wrong type or format", null);
      }
      return new ApiProblem(status, "body", "malformed", "Malformed request body", "The request body is not valid JSON");
    }
    if (ex instanceof TypeMismatchException mismatch) {
      String field = mismatch instanceof MethodArgumentTypeMismatchException argument
          ? argument.getName() : mismatch.getPropertyName();
      return invalidParameter(field == null ? "parameter" : field, "type",
          "must be of type " + (mismatch.getRequiredType() == null ? "?" : mismatch.getRequiredType().getSimpleName())
              .toLowerCase(Locale.ROOT), mismatch.getValue());
    }
    if (ex instanceof MissingServletRequestParameterException missing) {
      return invalidParameter(missing.getParameterName(), "required", "is required", null);
    }
    if (ex instanceof NoResourceFoundException) {
      return new ApiProblem(status, "path", "not-found", "No such resource", "No endpoint at this path");
    }
    if (ex instanceof HttpRequestMethodNotSupportedException method) {
      return new ApiProblem(status, "method", "not-supported", "Method not supported",
          "Method " + method.getMethod() + " is not supported here");
    }
    return new ApiProblem(status, "request", status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        status.getReasonPhrase(), ex.getMessage());
  }

  private static ApiProblem invalidParameter(String field, String rule, String message, Object value) {
    String detail = field + " " + message + (value == null ? "" : ", was '" + echo(value) + "'");
    return new ApiProblem(HttpStatus.BAD_REQUEST, field, rule, "Invalid request parameter", detail);
  }

  private static String echo(Object value) {
    String text = String.valueOf(value);
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
  }

  private static String lastNode(Path path) {
    String name = "parameter";
    for (Path.Node node : path) {
      // an element of a repeated parameter (tag[0].<list element>) is reported as the parameter
      if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
        name = node.getName();
      }
    }
    return name;
  }

  private static ResponseEntity<ProblemDetail> respond(ApiProblem problem, HttpServletRequest request) {
    return ResponseEntity.status(problem.status()).body(problem.toProblemDetail(request.getRequestURI()));
  }
}
