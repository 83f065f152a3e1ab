// User text (a file name, a parameter name) printed inside a generated comment, WGSL or JS.
// Anything but printable ASCII is escaped, so no line break (\r, \u2028, ...) and no `*/` can
// end the comment and turn the rest of the text into code.
export function commentText(text: string): string {
  return text.replace(/[^\x20-\x7e]|\*\//g, (c) => (c === "*/" ? "*\\/" : `\\u{${c.codePointAt(0)!.toString(16)}}`));
}
