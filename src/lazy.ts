/**
 * A module loaded on first use, then kept: `import()` is not free once a module is loaded (the
 * loader resolves the specifier again each time), and these loads sit on a call's path.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}
