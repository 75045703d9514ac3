/** Sources: a path or a stream in, complete lines out, whatever rotation does to the file. */
export { followFile, type FollowOptions } from "./follow.ts";
export { isPipe, readFileOnce, readPipe, readStream } from "./read_once.ts";
export { SourceError } from "./source_error.ts";
export {
  type LineConsumer,
  SOURCE_NOTICE_KINDS,
  type SourceNotice,
  type SourceNoticeKind,
  type SourceOptions,
} from "./source_options.ts";
