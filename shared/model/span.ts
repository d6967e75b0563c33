/** A range in a workspace file: offsets in UTF-16 code units of the file's text, end exclusive. */
export interface Span {
  file: string;
  start: number;
  end: number;
}

export interface LineCol {
  /** 0-based line */
  line: number;
  /** 0-based column in UTF-16 code units (what LSP uses by default) */
  character: number;
}

/** Converts offsets to line/column for one text. Lines end at \n, \r\n or \r, as in Python. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }
  position(offset: number): LineCol {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }
  offset(pos: LineCol): number {
    const start = this.starts[Math.min(pos.line, this.starts.length - 1)] ?? 0;
    return Math.min(start + pos.character, this.text.length);
  }
  get lineCount(): number {
    return this.starts.length;
  }
}
