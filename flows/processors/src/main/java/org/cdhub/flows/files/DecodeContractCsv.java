package org.cdhub.flows.files;

import java.util.Map;
import java.util.function.Consumer;
import org.cdhub.flows.landing.RawRecord;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.cdhub.flows.landing.LandBronzeRecords;
import org.cdhub.model.contract.SourceContract;

/**
 * Turns one CSV file drop into the records LandBronzeRecords lands: decodes it with the encoding
 * the feed's contract declares ({@link DeclaredEncoding}: a wrong declaration fails the file with
 * rule INGEST-ENCODING instead of landing mojibake) and parses it ({@link CsvDrop}: unreadable
 * rows become reject records that land in quarantine with rule and line).
 */
@Tags({"hub", "csv", "gbk", "encoding", "contract", "file", "ingest"})
@CapabilityDescription("Decodes a CSV file drop with the character encoding its source contract declares (e.g. GBK or "
    + "UTF-8) and detects a wrong declaration (malformed bytes, or a file declared GBK that is UTF-8): such a file goes to "
    + "failure with rule INGEST-ENCODING, naming feed and file. Parses the CSV (header row, RFC 4180 quoting) into a JSON "
    + "array of records with every cell as text; a row with the wrong column count or an unterminated quote becomes a "
    + "reject record that LandBronzeRecords quarantines with its rule and line number. An empty file yields no records.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@WritesAttributes({
    @WritesAttribute(attribute = DecodeContractCsv.ATTR_RECORD_COUNT, description = "Records written, rejects included"),
    @WritesAttribute(attribute = DecodeContractCsv.ATTR_REJECTED, description = "Rows that could not be read (quarantined downstream)"),
    @WritesAttribute(attribute = DecodeContractCsv.ATTR_ENCODING, description = "The encoding the file was decoded with"),
    @WritesAttribute(attribute = "mime.type", description = "application/json"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_FAILURE_REASON, description = "On failure: rule and reason, naming feed and file")
})
public class DecodeContractCsv extends FileDropDecoder {
  public static final String ATTR_ENCODING = "hub.source.encoding";

  @Override
  protected void decode(byte[] bytes, SourceContract contract, String name, Consumer<RawRecord> records) throws UnreadableFile {
    try {
      CsvDrop.stream(DeclaredEncoding.decode(bytes, contract.format().encoding(), name), name, records);
    } catch (DeclaredEncoding.WrongEncodingException | CsvDrop.BadHeaderException e) {
      throw new UnreadableFile(e);
    }
  }

  @Override
  protected Map<String, String> extraAttributes(SourceContract contract) {
    return Map.of(ATTR_ENCODING, contract.format().encoding().name());
  }
}
