// Prints a Parquet file as one JSON document — {schema: [{name, type, logical, repetition}], rows: [[…]]} — read by
// hyparquet, a reader that shares no code with Parquet.Net. BigInt (int64, uint64) values print as exact strings.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';

const file = await asyncBufferFromFile(process.argv[2]);
const metadata = await parquetMetadataAsync(file);
const schema = parquetSchema(metadata).children.map(c => ({
  name: c.element.name,
  type: c.element.type,
  logical: c.element.logical_type?.type ?? c.element.converted_type ?? null,
  repetition: c.element.repetition_type,
}));
const rows = await parquetReadObjects({ file, metadata });
const columns = schema.map(s => s.name);
process.stdout.write(JSON.stringify({
  schema,
  row_groups: metadata.row_groups.length,
  rows: rows.map(r => columns.map(c => typeof r[c] === 'bigint' ? r[c].toString() : r[c])),
}));
