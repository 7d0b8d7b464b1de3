package org.srhfhir.tools;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Validates one file and always answers with an OperationOutcome: a file that cannot be read, is not JSON or is
 * not a JSON object gets a single {@code fatal} issue, and so does a validator failure, so that one bad file never
 * stops a run.
 */
final class FileValidator {
  private static final Pattern GSON_POSITION = Pattern.compile("line (\\d+) column (\\d+)");

  private final ValidationEngine engine;

  FileValidator(ValidationEngine engine) {
    this.engine = engine;
  }

  OperationOutcome validate(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      return fatal(IssueType.STRUCTURE, "The file is not UTF-8 encoded", -1, -1);
    } catch (IOException e) {
      return fatal(IssueType.EXCEPTION, "The file cannot be read: " + e, -1, -1);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return validateText(text);
  }

  /** Validates JSON text; see the class comment. */
  OperationOutcome validateText(String text) {
    if (text.isBlank()) {
      return fatal(IssueType.STRUCTURE, "The file is empty", -1, -1);
    }
    JsonElement json;
    try {
      json = parseStrictly(text);
    } catch (JsonParseException | IOException e) {
      Throwable cause = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
      Matcher position = GSON_POSITION.matcher(String.valueOf(cause.getMessage()));
      boolean found = position.find();
      return fatal(IssueType.STRUCTURE, "The file is not valid JSON: " + cause.getMessage(),
          found ? Integer.parseInt(position.group(1)) : -1, found ? Integer.parseInt(position.group(2)) : -1);
    }
    if (!json.isJsonObject()) {
      return fatal(IssueType.STRUCTURE, "The file's JSON is not an object, so it is not a FHIR resource", 1, 1);
    }
    try {
      return Outcomes.fromMessages(engine.validate(text));
    } catch (RuntimeException | StackOverflowError e) {
      return fatal(IssueType.EXCEPTION, "The validator failed on this file: " + e, -1, -1);
    }
  }

  /** RFC 8259 JSON: Gson's default parser is lenient (comments, single quotes, unquoted names). */
  private static JsonElement parseStrictly(String text) throws IOException {
    JsonReader reader = new JsonReader(new StringReader(text));
    reader.setStrictness(Strictness.STRICT);
    JsonElement element = JsonParser.parseReader(reader);
    if (reader.peek() != JsonToken.END_DOCUMENT) {
      throw new JsonParseException("Unexpected content after the JSON value at " + reader.getPath()
          + reader.toString().replaceFirst("^JsonReader", ""));
    }
    return element;
  }

  private static OperationOutcome fatal(IssueType type, String message, int line, int col) {
    return Outcomes.single(IssueSeverity.FATAL, type, message, line, col);
  }
}
