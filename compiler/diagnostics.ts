// Diagnostics are values: collected by every stage, printed by one formatter.

export interface Span {
  start: number; // offset of the first character
  end: number; // offset one past the last character
}

export interface Diagnostic {
  message: string;
  span: Span;
  hint?: string;
  internal?: boolean; // a failure of the compiler on a file the checker accepted, not a mistake in the file
}

/** An unexpected failure of the compiler, reported at the place it was working on. */
export function internalFailure(e: unknown, span: Span): Diagnostic {
  const reason = e instanceof RangeError && /call stack/.test(e.message) ? "the expression nests too deeply" : e instanceof Error ? e.message : String(e);
  const hint = "this is a bug in rnnc rather than in the file; please report it with the file (simplifying the line may avoid it)";
  return { message: `rnnc could not compile this: ${reason}`, span, hint, internal: true };
}

export class SourceFile {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === "\n") this.lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo] + 1 };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const end = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$/, "");
  }
}

/** `file:line:col: error: message`, the source line, a caret under the span, and a hint. */
export function formatDiagnostic(file: SourceFile, d: Diagnostic): string {
  const { line, col } = file.position(d.span.start);
  const source = file.lineText(line);
  const width = Math.max(1, Math.min(d.span.end, file.text.length) - d.span.start);
  const caretWidth = Math.max(1, Math.min(width, source.length - col + 1));
  const gutter = String(line).length;
  const lines = [
    `${file.path}:${line}:${col}: error: ${d.message}`,
    `${" ".repeat(gutter)} |`,
    `${line} | ${source}`,
    `${" ".repeat(gutter)} | ${" ".repeat(col - 1)}${"^".repeat(caretWidth)}`,
  ];
  if (d.hint) lines.push(`${" ".repeat(gutter)} = hint: ${d.hint}`);
  return lines.join("\n");
}

/** A diagnostic for scripts: where it starts and ends (1-based lines and columns; the end one past the last character, as editors count), what and why. */
export function diagnosticJson(file: SourceFile, d: Diagnostic) {
  const start = file.position(d.span.start);
  const end = file.position(Math.min(d.span.end, file.text.length));
  return { file: file.path, line: start.line, col: start.col, endLine: end.line, endCol: end.col, message: d.message, ...(d.hint && { hint: d.hint }), ...(d.internal && { internal: true }) };
}

/** The most errors printed at once: later ones are mostly echoes of the first. */
export const MAX_PRINTED_ERRORS = 20;

/** Thrown by the pipeline when a stage reported errors; carries them for the CLI to print. */
export class CompileError extends Error {
  constructor(
    readonly file: SourceFile,
    readonly diagnostics: Diagnostic[],
  ) {
    const shown = diagnostics.slice(0, MAX_PRINTED_ERRORS).map((d) => formatDiagnostic(file, d));
    const more = diagnostics.length - shown.length;
    super([...shown, ...(more > 0 ? [`... and ${more} more error${more === 1 ? "" : "s"}`] : [])].join("\n\n"));
  }
}
