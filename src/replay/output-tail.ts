import { StringDecoder } from 'node:string_decoder';

type Stream = 'stdout' | 'stderr';

/** Longest line kept; a tool printing megabytes on one line must not hold memory. */
const MAX_LINE = 2_000;
/** A line carrying the server's error: psycopg / asyncpg exceptions, libpq's `ERROR:`, node-postgres' `QueryFailedError`. */
const DATABASE_ERROR = /\b(psycopg2?\.errors\.\w+|asyncpg\.exceptions\.\w+|QueryFailedError|SQLSTATE)\b|^\s*(ERROR|FATAL):\s|^\s*error: (?!Command failed)/;
/** Alembic's `Running upgrade a1 -> b2, add users`; TypeORM's `Migration "AddUsers1700000000000" failed`. */
const RUNNING_MIGRATION = /Running upgrade (.+)$|Migration "([\w.-]+)" failed/;
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/**
 * The last lines a child process printed, interleaved as they arrived, without colour
 * codes and with secrets replaced by `***`. Memory stays bounded however much it prints.
 */
export class OutputTail {
  private readonly lines: string[] = [];
  private readonly decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private readonly partial = { stdout: '', stderr: '' };
  private readonly lastNonEmpty = { stdout: '', stderr: '' };
  private lastDatabaseError = '';
  private lastMigration = '';
  private readonly secrets: readonly string[];

  constructor(
    secrets: readonly string[],
    private readonly capacity = 40,
  ) {
    // Longest first, so a secret containing another is replaced whole.
    this.secrets = [...new Set(secrets)].filter((s) => s !== '').sort((a, b) => b.length - a.length);
  }

  write(stream: Stream, chunk: Buffer, onLine?: (line: string) => void): void {
    // Progress bars redraw with a bare \r: each redraw counts as a line.
    const text = this.partial[stream] + this.decoders[stream].write(chunk);
    // A \r at the end may be the first half of a \r\n split between chunks.
    const held = text.endsWith('\r') ? '\r' : '';
    const parts = text.slice(0, text.length - held.length).split(/\r\n|\r|\n/);
    let rest = (parts.pop() ?? '') + held;
    if (rest.length > MAX_LINE * 4) [parts[parts.length], rest] = [rest, ''];
    this.partial[stream] = rest;
    for (const line of parts) this.push(stream, line, onLine);
  }

  /** Flush what is left once the streams have closed. */
  end(onLine?: (line: string) => void): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = (this.partial[stream] + this.decoders[stream].end()).replace(/\r$/, '');
      this.partial[stream] = '';
      if (rest !== '') this.push(stream, rest, onLine);
    }
  }

  /** The last `count` lines, ready to print; undefined when nothing was printed. */
  excerpt(count: number): string | undefined {
    const shown = this.lines.slice(-count);
    while (shown.length > 0 && shown[0]!.trim() === '') shown.shift();
    return shown.length > 0 ? shown.join('\n') : undefined;
  }

  /** The last non-empty line on stderr, else on stdout: usually the error. */
  lastErrorLine(): string {
    return (this.lastNonEmpty.stderr || this.lastNonEmpty.stdout).trim();
  }

  /**
   * The database's own error (a SQLSTATE, `psycopg2.errors.UniqueViolation: …`, `ERROR: …`),
   * which a framework's traceback buries under lines that say nothing (`(Background on this
   * error at: https://sqlalche.me/…)`); kept however long the output after it is.
   */
  databaseError(): string {
    return this.lastDatabaseError.trim();
  }

  /** The migration that was running, when the tool names it (`Running upgrade a1 -> b2, add users`). */
  runningMigration(): string {
    return this.lastMigration;
  }

  redact(text: string): string {
    return this.secrets.reduce((redacted, secret) => redacted.split(secret).join('***'), text);
  }

  private push(stream: Stream, raw: string, onLine?: (line: string) => void): void {
    const clean = this.redact(raw.replace(ANSI_ESCAPE, ''));
    const line = clean.length > MAX_LINE ? `${clean.slice(0, MAX_LINE)}…` : clean;
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
    if (line.trim() !== '') this.lastNonEmpty[stream] = line;
    if (DATABASE_ERROR.test(line)) this.lastDatabaseError = line;
    const migration = RUNNING_MIGRATION.exec(line);
    if (migration) this.lastMigration = (migration[1] ?? migration[2] ?? '').trim();
    onLine?.(line);
  }
}
