/**
 * The first scan that lets a W3C log be parsed in regions: its `#Fields:` directives, each with the
 * offset of its line, so that a worker starting a region mid-file knows which columns are in effect
 * there (the last directive before the region). Found with the native byte search for `#`, so the
 * scan costs little beyond reading the file once more (from the page cache, just read).
 */
import { DEFAULT_MAX_LINE_BYTES } from "../source/byte_line_splitter.ts";
import { READ_BUFFER_BYTES } from "../source/source_options.ts";

/** A `#Fields:` directive line (without its line end) and where it starts. */
export interface FieldsDirective {
  at: number;
  line: string;
}

const HASH = 35, NL = 10, CR = 13;
const decoder = new TextDecoder();

/**
 * Every `#Fields:` line of `file`, in order, read from its start; the file is left at an unspecified
 * position. Each is taken as the single pass takes it: decoded to its newline, one carriage return
 * cut, and not at all when longer than `maxLineBytes` (the splitter drops such a line).
 */
export async function fieldsDirectives(
  file: Deno.FsFile,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  buffer: Uint8Array = new Uint8Array(READ_BUFFER_BYTES),
): Promise<FieldsDirective[]> {
  const found: FieldsDirective[] = [];
  const take = (at: number, bytes: Uint8Array) => {
    if (bytes.length > maxLineBytes) return;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CR
      ? bytes.length - 1
      : bytes.length;
    const line = decoder.decode(bytes.subarray(0, end));
    if (line.startsWith("#Fields:")) found.push({ at, line });
  };
  await file.seek(0, Deno.SeekMode.Start);
  let base = 0; // the file offset of buffer[0]
  let atLineStart = true; // the byte before this read is a newline (or this is the file's start)
  /** A `#` line that goes on past the read: where it starts, its bytes so far and their length. */
  let open: { at: number; parts: Uint8Array[]; length: number } | undefined;
  while (true) {
    const n = await file.read(buffer);
    if (n === null || n === 0) break;
    const chunk = buffer.subarray(0, n);
    let from = 0;
    if (open !== undefined) {
      const nl = chunk.indexOf(NL);
      const part = nl < 0 ? n : nl;
      // Past the limit the line is no directive: its length is all that still counts.
      if (open.length <= maxLineBytes) open.parts.push(chunk.slice(0, part));
      open.length += part;
      if (nl >= 0) {
        if (open.length <= maxLineBytes) take(open.at, concat(open.parts));
        open = undefined;
        from = nl + 1;
      }
    }
    if (open === undefined) {
      for (let h = chunk.indexOf(HASH, from); h >= 0; h = chunk.indexOf(HASH, h + 1)) {
        if (!(h === 0 ? atLineStart : chunk[h - 1] === NL)) continue;
        const nl = chunk.indexOf(NL, h);
        if (nl < 0) {
          open = { at: base + h, parts: [chunk.slice(h)], length: n - h };
          break;
        }
        take(base + h, chunk.subarray(h, nl));
        h = nl;
      }
    }
    atLineStart = chunk[n - 1] === NL;
    base += n;
  }
  if (open !== undefined && open.length <= maxLineBytes) take(open.at, concat(open.parts));
  return found;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}
