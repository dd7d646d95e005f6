package org.cdhub.citygen;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one JSON mapper of the generator: insertion-ordered maps in, stable bytes out. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

  private Json() {}
}
