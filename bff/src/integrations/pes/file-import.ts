/**
 * File import of the same job and course records the PES feed carries, for regions that
 * hand over files: JSON lines (one record per line) or CSV (a header row; nested fields as
 * `employer.name`; lists separated by `|`; see README.md). Each record goes through the same
 * apply step as the feed; a bad line is set aside with its line number and the rest go on.
 */
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { PesRecordKind } from './pes.contract';
import { applyUpstreamRecord, setAside, type ApplyOutcome, type UpstreamContext } from './upstream-records';

export type ImportFormat = 'jsonl' | 'csv';
export type ImportCounts = Record<ApplyOutcome, number> & { lines: number };

/** Columns holding lists (`a|b|c`), numbers and yes/no values. */
const LIST_COLUMNS = new Set(['requirements', 'benefits', 'freeFor', 'allowance.forAudiences']);
const NUMBER_COLUMNS = new Set([
  'version',
  'payMinFen',
  'payMaxFen',
  'openings',
  'ageMin',
  'ageMax',
  'classHours',
  'seats',
  'allowance.livingFenPerDay',
  'allowance.transportFen',
]);
const BOOLEAN_COLUMNS = new Set(['mealsAndLodging', 'publicWelfare', 'subsidized']);

function cellValue(column: string, text: string): unknown {
  if (LIST_COLUMNS.has(column)) return text.split('|').map((s) => s.trim()).filter(Boolean);
  if (NUMBER_COLUMNS.has(column)) return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (BOOLEAN_COLUMNS.has(column)) {
    if (/^(true|是|1|yes)$/i.test(text)) return true;
    if (/^(false|否|0|no)$/i.test(text)) return false;
    return text;
  }
  return text;
}

/** A CSV row (column → text) as a contract record: empty cells left out, dotted columns nested. */
export function recordFromCsvRow(row: Record<string, string>): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const text = raw.trim();
    if (text === '') continue;
    const parts = column.split('.');
    let target = record;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      if (next !== null && typeof next === 'object' && !Array.isArray(next)) target = next as Record<string, unknown>;
      else {
        const fresh: Record<string, unknown> = {};
        target[part] = fresh;
        target = fresh;
      }
    }
    const leaf = parts[parts.length - 1];
    if (leaf) target[leaf] = cellValue(column, text);
  }
  return record;
}

async function* jsonLines(input: Readable): AsyncGenerator<{ line: number; record: unknown; error?: string }> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    const trimmed = text.trim();
    if (trimmed === '') continue;
    try {
      yield { line, record: JSON.parse(trimmed) as unknown };
    } catch {
      yield { line, record: trimmed, error: `line ${line}: not valid JSON` };
    }
  }
}

async function* csvRows(input: Readable): AsyncGenerator<{ line: number; record: unknown; error?: string }> {
  const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  for await (const entry of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { line: entry.info.lines, record: recordFromCsvRow(entry.record) };
  }
}

/** Imports every record of a file; answers what happened to them. */
export async function importRecordsFile(input: Readable, kind: PesRecordKind, format: ImportFormat, at: Date, ctx: UpstreamContext = {}): Promise<ImportCounts> {
  const counts: ImportCounts = { lines: 0, created: 0, updated: 0, removed: 0, stale: 0, rejected: 0 };
  const rows = format === 'csv' ? csvRows(input) : jsonLines(input);
  try {
    for await (const row of rows) {
      counts.lines += 1;
      if (row.error) {
        await setAside(kind, 'file', row.record, row.error, at);
        counts.rejected += 1;
        continue;
      }
      counts[await applyUpstreamRecord(kind, row.record, 'file', at, ctx)] += 1;
    }
  } catch (err: unknown) {
    // A CSV broken past repair (an unclosed quote …): what came before stays imported.
    const message = err instanceof Error ? err.message : String(err);
    await setAside(kind, 'file', `(file after line ${counts.lines})`, `file: ${message}`, at);
    counts.rejected += 1;
  }
  return counts;
}
