// What went wrong in a compile, as the page shows it: each problem located (file:line:col) with
// the source line and a caret, as the CLI prints it, and its hint.
import { CompileError, formatDiagnostic, UsageError } from "../compiler/index.js";

export interface Problem {
  message: string;
  hint?: string;
  /** Where in the text, for errors in the file (not for bad size overrides). */
  at?: { file: string; line: number; col: number; start: number; end: number };
  /** The source line with a caret under the span. */
  excerpt?: string;
}

/** The problems a failed compile threw; `sizesField` names where overrides came from. */
export function problemsOf(error: unknown, sizesField: string): Problem[] {
  if (error instanceof CompileError) {
    const file = error.file;
    return error.diagnostics.map((d) => {
      const { line, col } = file.position(d.span.start);
      const [, ...excerpt] = formatDiagnostic(file, { ...d, hint: undefined }).split("\n");
      return { message: d.message, hint: d.hint, at: { file: file.path, line, col, start: d.span.start, end: d.span.end }, excerpt: excerpt.join("\n") };
    });
  }
  // Bad size overrides: the CLI's "--set" is the page's Sizes field.
  if (error instanceof UsageError) return [{ message: `${sizesField}: ${error.message.replace(/^--set /, "")}` }];
  return [{ message: `rnnc failed: ${error instanceof Error ? error.message : String(error)}` }];
}

/** Fill `list` with one entry per problem; a click on a location calls `reveal`. */
export function renderProblems(list: HTMLElement, problems: Problem[], reveal: (p: Problem) => void) {
  list.replaceChildren(
    ...problems.map((p) => {
      const item = document.createElement("li");
      if (p.at) {
        const where = document.createElement("button");
        where.className = "where";
        where.textContent = `${p.at.file}:${p.at.line}:${p.at.col}`;
        where.title = "show in the editor";
        where.addEventListener("click", () => reveal(p));
        item.append(where, " ");
      }
      const message = document.createElement("span");
      message.className = "message";
      message.textContent = p.message;
      item.append(message);
      if (p.excerpt) {
        const pre = document.createElement("pre");
        pre.textContent = p.excerpt;
        item.append(pre);
      }
      if (p.hint) {
        const hint = document.createElement("p");
        hint.className = "hint";
        hint.textContent = `hint: ${p.hint}`;
        item.append(hint);
      }
      return item;
    }),
  );
}
