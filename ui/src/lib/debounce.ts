// A call put off until the caller pauses: the editor's draft saving, the results' live region.

/** A call put off until `ms` have passed without another; `flush` makes it now. */
export type Debounced<A extends unknown[]> = {
  (...args: A): void;
  flush(): void;
  cancel(): void;
  pending(): boolean;
};

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: A | null = null;
  const run = () => {
    timer = null;
    const args = last;
    last = null;
    if (args !== null) fn(...args);
  };
  const debounced = (...args: A) => {
    last = args;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.flush = () => {
    if (timer !== null) clearTimeout(timer);
    run();
  };
  debounced.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    last = null;
  };
  debounced.pending = () => timer !== null;
  return debounced;
}
