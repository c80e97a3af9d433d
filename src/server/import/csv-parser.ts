/**
 * A small streaming CSV parser (RFC 4180): comma-separated fields, CRLF or LF line ends, fields quoted with `"`
 * (which may hold commas, quotes doubled as `""` and line breaks). Text is pushed in chunks of any size (a quoted
 * field or a CRLF may straddle two chunks); complete records come out with the line number they start on.
 *
 * Lenient on two points, both common in spreadsheet exports: a UTF-8 byte-order mark at the start is dropped, and
 * completely empty lines are skipped (a record of one empty field is never meaningful in the import formats).
 * Strict otherwise: a quote inside an unquoted field, text after a closing quote, and a quote left open at the end
 * are errors reported with their line.
 */

export interface CsvRecord {
  /** 1-based line number of the record's first character. */
  line: number;
  fields: string[];
}

export interface CsvSyntaxError {
  line: number;
  message: string;
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

export class CsvParser {
  private line = 1;
  private recordLine = 1;
  private fields: string[] = [];
  private field = '';
  /** Inside a quoted field. */
  private quoted = false;
  /** Just read a quote inside a quoted field: either the closing quote or the first of `""`. */
  private quotePending = false;
  /** The current field started with a quote and was closed: only a comma or a line end may follow. */
  private closed = false;
  /** The last chunk ended with CR: an LF starting the next chunk belongs to it. */
  private pendingCr = false;
  /** Inside quotes, the previous character was CR. */
  private lastWasCr = false;
  private started = false;
  /** Whether the current record has any character yet (an empty line has none). */
  private recordHasChars = false;
  /** The current record already has a syntax error (reported once; the record is dropped). */
  private recordBroken = false;
  private readonly errors: CsvSyntaxError[] = [];

  /** Feeds a chunk; returns the records completed by it. Syntax errors are collected (see `takeErrors`). */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (chunk.length === 0) return out;
    let text = chunk;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const n = text.length;
    if (n === 0) return out;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    let segStart = i; // start of plain text not yet appended to `field`
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.quoted) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            // "" → one quote; segStart is just after the first quote, so keep the second
            segStart = i;
            i++;
            continue;
          }
          // the quote closed the field
          this.quoted = false;
          this.closed = true;
          segStart = i;
          continue; // re-examine c outside the quotes
        }
        if (c === QUOTE) {
          this.lastWasCr = false;
          this.field += text.slice(segStart, i);
          this.quotePending = true;
          i++;
          segStart = i;
          continue;
        }
        // a line break inside quotes: CR, LF or CRLF (whose halves may arrive in two chunks) counts once
        if (c === CR) this.line++;
        else if (c === LF && !this.lastWasCr) this.line++;
        this.lastWasCr = c === CR;
        i++;
        continue;
      }
      if (c === COMMA) {
        this.endField(text, segStart, i);
        i++;
        segStart = i;
        this.recordHasChars = true;
        continue;
      }
      if (c === LF || c === CR) {
        this.endField(text, segStart, i);
        const rec = this.endRecord();
        if (rec) out.push(rec);
        if (c === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) === LF) i++;
          } else {
            this.pendingCr = true;
          }
        }
        i++;
        this.line++;
        this.recordLine = this.line;
        segStart = i;
        continue;
      }
      this.recordHasChars = true;
      if (this.closed) {
        this.fail(`unexpected text after the closing quote of field ${this.fields.length + 1}`);
        this.closed = false;
      } else if (c === QUOTE) {
        if (this.field.length === 0 && i === segStart) {
          this.quoted = true;
          i++;
          segStart = i;
          continue;
        }
        this.fail(`a quote (") inside unquoted field ${this.fields.length + 1}: quote the whole field and double the quote`);
      }
      i++;
    }
    if (this.quoted) {
      if (!this.quotePending) this.field += text.slice(segStart, n);
    } else if (!this.closed) {
      this.field += text.slice(segStart, n);
    }
    return out;
  }

  /** Ends the input; returns the last record when the text did not end with a line break. */
  end(): CsvRecord[] {
    if (this.quoted && this.quotePending) {
      this.quoted = false;
      this.quotePending = false;
      this.closed = true;
    }
    if (this.quoted) {
      this.line = this.recordLine;
      this.fail('a quoted field is not closed before the end of the file');
      this.quoted = false;
      this.fields = [];
      this.field = '';
      return [];
    }
    if (!this.recordHasChars && this.fields.length === 0 && this.field === '' && !this.closed) return [];
    this.fields.push(this.field);
    this.field = '';
    this.closed = false;
    const rec = this.endRecord();
    return rec ? [rec] : [];
  }

  /** The line being read. */
  get currentLine(): number {
    return this.line;
  }

  /** Syntax errors found so far (and forgets them). */
  takeErrors(): CsvSyntaxError[] {
    return this.errors.splice(0, this.errors.length);
  }

  private endField(text: string, segStart: number, i: number) {
    if (!this.closed) this.field += text.slice(segStart, i);
    this.fields.push(this.field);
    this.field = '';
    this.closed = false;
  }

  private endRecord(): CsvRecord | null {
    const fields = this.fields;
    this.fields = [];
    const broken = this.recordBroken;
    this.recordBroken = false;
    const had = this.recordHasChars;
    this.recordHasChars = false;
    if (broken) return null;
    if (!had && fields.length === 1 && fields[0] === '') return null; // empty line
    return { line: this.recordLine, fields };
  }

  private fail(message: string) {
    if (!this.recordBroken) this.errors.push({ line: this.line, message });
    this.recordBroken = true;
  }
}

/** Parses a whole string (tests, small inputs). */
export function parseCsv(text: string): { records: CsvRecord[]; errors: CsvSyntaxError[] } {
  const p = new CsvParser();
  const records = [...p.push(text), ...p.end()];
  return { records, errors: p.takeErrors() };
}
