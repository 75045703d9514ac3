import type { KeyDictionary, KeyField } from "../core/key_dictionary.ts";
import { Interner } from "./interner.ts";

/**
 * The run's one dictionary of hosts, methods and sections: built once by the wiring and handed to the
 * byte parser (which interns into it), to the engine (which names the ids records carry with it) and
 * to a parallel replay (which translates its workers' ids into it). An id stands for one string for
 * the whole run, whichever path the line came by.
 */
export class RunDictionary {
  readonly hosts: Interner;
  readonly methods = new Interner(256);
  readonly sections: Interner;
  /** The names of ids, for the engine. */
  readonly keys: KeyDictionary;

  /** Creates a dictionary whose hosts and sections keep at most `keep` values each. */
  constructor(keep = 65_536) {
    const hosts = this.hosts = new Interner(keep);
    const sections = this.sections = new Interner(keep);
    const methods = this.methods;
    // Passed around on their own (KeyDictionary's contract): they must not depend on `this`.
    this.keys = {
      host: (id) => hosts.value(id),
      method: (id) => methods.value(id),
      section: (id) => sections.value(id),
    };
  }

  /** The id of `value` in `field`, given now if there is room; -1 if it is not kept. */
  idOf(field: KeyField, value: string): number {
    return this.#interner(field).internString(value);
  }

  /** The string of `id` in `field` (the very string object the rest of the run uses). */
  name(field: KeyField, id: number): string {
    return this.#interner(field).value(id);
  }

  /** The values that have ids in `field`, in id order (what a checkpoint keeps of the dictionary). */
  values(field: KeyField): string[] {
    return this.#interner(field).valuesSince(0);
  }

  #interner(field: KeyField): Interner {
    return field === "host" ? this.hosts : field === "method" ? this.methods : this.sections;
  }
}
