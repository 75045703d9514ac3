;; Every "\n" of a piece of bytes, 16 at a time (newline_scan.ts says why; `deno task wasm` compiles
;; this into newline_scan_wasm.ts).
(module
  ;; Grown by the caller to fit its pieces and their offsets.
  (memory (export "memory") 1)
  ;; scan(ptr, len, out) -> count: writes the offset from ptr of every "\n" in [ptr, ptr+len), in
  ;; order, as i32s from out; returns how many. A 16-byte compare gives a bit mask, whose set bits
  ;; are taken lowest first; the last len mod 16 bytes are compared one by one.
  (func (export "scan") (param $ptr i32) (param $len i32) (param $out i32) (result i32)
    (local $i i32) (local $end16 i32) (local $mask i32) (local $count i32) (local $nl v128)
    (local.set $nl (i8x16.splat (i32.const 10)))
    (local.set $end16 (i32.and (local.get $len) (i32.const -16)))
    (block $done16
      (loop $l16
        (br_if $done16 (i32.ge_u (local.get $i) (local.get $end16)))
        (local.set $mask (i8x16.bitmask (i8x16.eq (v128.load (i32.add (local.get $ptr) (local.get $i))) (local.get $nl))))
        (block $bits
          (loop $lb
            (br_if $bits (i32.eqz (local.get $mask)))
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2)))
              (i32.add (local.get $i) (i32.ctz (local.get $mask))))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $lb)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l16)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (if (i32.eq (i32.load8_u (i32.add (local.get $ptr) (local.get $i))) (i32.const 10))
          (then
            (i32.store (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 2))) (local.get $i))
            (local.set $count (i32.add (local.get $count) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $count)))
