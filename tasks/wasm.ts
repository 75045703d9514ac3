/**
 * `deno task wasm`: compiles src/source/newline_scan.wat (WebAssembly text, with SIMD) into
 * src/source/newline_scan_wasm.ts, the module's bytes as base64, with wabt (a devDependency: the
 * installed command carries only the bytes). tests/source/newline_scan_test.ts compiles it again and
 * fails when the two differ, so the committed bytes are always those of the committed text.
 */
import { compileNewlineScan, WASM_MODULE_TS } from "./wasm_build.ts";

await Deno.writeTextFile(WASM_MODULE_TS, await compileNewlineScan());
console.log(`wrote ${WASM_MODULE_TS}`);
