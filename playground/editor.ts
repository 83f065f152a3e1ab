// A plain <textarea> with line numbers and inline error marks: a copy of the text sits under the
// transparent textarea, with each error's span wrapped in a <mark>; the line numbers of lines
// with errors are highlighted. Both follow the textarea's scrolling.

/** A span of the text to mark, with the message shown when hovered. */
export interface Mark {
  start: number;
  end: number;
  message: string;
}

export class Editor {
  private marks: Mark[] = [];

  constructor(
    private readonly textarea: HTMLTextAreaElement,
    private readonly gutter: HTMLElement,
    private readonly highlight: HTMLElement,
  ) {
    textarea.addEventListener("input", () => this.render());
    textarea.addEventListener("scroll", () => this.followScroll());
    // Tab indents rather than leaving the editor.
    textarea.addEventListener("keydown", (e) => {
      if (e.key !== "Tab" || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return;
      e.preventDefault();
      textarea.setRangeText("  ", textarea.selectionStart, textarea.selectionEnd, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  get text(): string {
    return this.textarea.value;
  }

  set text(value: string) {
    this.textarea.value = value;
    this.marks = [];
    this.render();
    this.textarea.scrollTop = 0;
  }

  onInput(listener: () => void) {
    this.textarea.addEventListener("input", listener);
  }

  /** Replace the marked spans (errors of the latest compile). */
  mark(marks: Mark[]) {
    this.marks = marks;
    this.render();
  }

  /** Put the caret at `offset`, select up to `end`, and scroll it into view. */
  reveal(offset: number, end = offset) {
    const ta = this.textarea;
    ta.focus();
    ta.setSelectionRange(offset, Math.max(offset, end));
    const line = ta.value.slice(0, offset).split("\n").length;
    const lineHeight = parseFloat(getComputedStyle(ta).lineHeight) || 20;
    const top = (line - 1) * lineHeight;
    if (top < ta.scrollTop || top > ta.scrollTop + ta.clientHeight - 2 * lineHeight) ta.scrollTop = Math.max(0, top - ta.clientHeight / 3);
    this.followScroll();
  }

  private render() {
    const text = this.textarea.value;
    const lineCount = text.split("\n").length;
    const errorLines = new Set(this.marks.map((m) => lineOf(text, m.start)));

    const numbers = document.createDocumentFragment();
    for (let line = 1; line <= lineCount; line++) {
      const n = document.createElement("span");
      n.textContent = String(line);
      if (errorLines.has(line)) n.className = "error";
      numbers.append(n, "\n");
    }
    numbers.append("\n"); // room for the textarea's horizontal scrollbar
    this.gutter.replaceChildren(numbers);

    // The copy: plain text, with each marked span in a <mark> (at least one character wide).
    const copy = document.createDocumentFragment();
    let at = 0;
    for (const m of [...this.marks].sort((a, b) => a.start - b.start)) {
      const start = Math.max(at, Math.min(m.start, text.length));
      const end = Math.max(start + 1, Math.min(m.end, text.length));
      copy.append(text.slice(at, start));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(start, end) || " ";
      mark.title = m.message;
      copy.append(mark);
      at = Math.min(end, text.length);
    }
    copy.append(text.slice(at) + "\n "); // a final newline in a textarea still takes a line
    this.highlight.replaceChildren(copy);
    this.followScroll();
  }

  private followScroll() {
    this.highlight.scrollTop = this.textarea.scrollTop;
    this.highlight.scrollLeft = this.textarea.scrollLeft;
    this.gutter.scrollTop = this.textarea.scrollTop;
  }
}

/** 1-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < Math.min(offset, text.length); i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
