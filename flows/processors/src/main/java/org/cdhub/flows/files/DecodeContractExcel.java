package org.cdhub.flows.files;

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
 * Turns one Excel (.xlsx) file drop into the records LandBronzeRecords lands ({@link ExcelDrop}):
 * first sheet, header row, cells as text, dates as ISO yyyy-MM-dd; rows with values beyond the
 * header become reject records that land in quarantine with rule and row number.
 */
@Tags({"hub", "excel", "xlsx", "contract", "file", "ingest"})
@CapabilityDescription("Reads an Excel .xlsx file drop (Apache POI): first sheet, first non-empty row as header, every "
    + "cell as text (dates as ISO yyyy-MM-dd, numbers in plain notation, formulas as their cached value) into a JSON array "
    + "of records; a row with values beyond the header becomes a reject record that LandBronzeRecords quarantines with "
    + "rule INGEST-EXCEL-COLUMNS and its row number. A file that is not a readable workbook (INGEST-EXCEL-WORKBOOK) or has "
    + "an unusable header (INGEST-CSV-HEADER) goes to failure. An empty file yields no records.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@WritesAttributes({
    @WritesAttribute(attribute = DecodeContractExcel.ATTR_RECORD_COUNT, description = "Records written, rejects included"),
    @WritesAttribute(attribute = DecodeContractExcel.ATTR_REJECTED, description = "Rows that could not be read (quarantined downstream)"),
    @WritesAttribute(attribute = "mime.type", description = "application/json"),
    @WritesAttribute(attribute = LandBronzeRecords.ATTR_FAILURE_REASON, description = "On failure: rule and reason, naming feed and file")
})
public class DecodeContractExcel extends FileDropDecoder {
  @Override
  protected void decode(byte[] bytes, SourceContract contract, String name, Consumer<RawRecord> records) throws UnreadableFile {
    try {
      ExcelDrop.parse(bytes, name).records().forEach(records);
    } catch (ExcelDrop.BadWorkbookException | CsvDrop.BadHeaderException e) {
      throw new UnreadableFile(e);
    }
  }
}
