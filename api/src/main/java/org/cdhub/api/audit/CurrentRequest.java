package org.cdhub.api.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The HTTP request being served, in the form the access audit records it. */
@Component
public class CurrentRequest {
  /** The current request, masked; only callable on a request thread. */
  public AuditedQuery auditedQuery() {
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
      HttpServletRequest request = attributes.getRequest();
      return AuditedQuery.of(request.getMethod(), request.getRequestURI(), request.getQueryString());
    }
    throw new IllegalStateException("Cannot describe the current request for the audit: not on a request thread");
  }
}
