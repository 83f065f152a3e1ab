// What the CLI tells its user. For people: lines on stdout and a progress bar on stderr. With
// --json, for scripts: one JSON object per line on stdout, each with an "event" name, and
// nothing else there. With --quiet: only what the command was asked to produce, and errors.
import { SourceFile, type Diagnostic, diagnosticJson } from "../diagnostics.js";

export type ReportMode = "people" | "quiet" | "json";

export class Report {
  constructor(readonly mode: ReportMode = "people") {}

  /** A fact or a result: `line` for people, the event for scripts. */
  tell(event: string, fields: Record<string, unknown>, line: string) {
    if (this.mode === "json") this.emit(event, fields);
    else if (this.mode === "people") console.log(line);
  }

  /** An event only scripts see (people follow the progress bar instead). */
  event(event: string, fields: Record<string, unknown>) {
    if (this.mode === "json") this.emit(event, fields);
  }

  /** A failure: `text` on stderr (in every mode), and for scripts an "error" event on stdout. */
  error(text: string, fields: { exitCode: number; message: string; diagnostics?: { file: SourceFile; list: Diagnostic[] } }) {
    console.error(text);
    const { diagnostics, ...rest } = fields;
    if (this.mode === "json") this.emit("error", { ...rest, ...(diagnostics && { diagnostics: diagnostics.list.map((d) => diagnosticJson(diagnostics.file, d)) }) });
  }

  get showsProgress(): boolean {
    return this.mode === "people";
  }

  private emit(event: string, fields: Record<string, unknown>) {
    process.stdout.write(JSON.stringify({ event, ...fields }) + "\n");
  }
}
