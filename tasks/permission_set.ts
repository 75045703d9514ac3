/**
 * The name of monilog's permission set in deno.json. The run tasks, the CLI tests and the compile task
 * all use this one name, so that what is tested is what ships.
 */
export const PERMISSION_SET = "monilog";
