/**
 * resvg's native module brings its own allocator, mimalloc, which reads its options from the process
 * environment once, when the module loads. By default it gives freed memory back to the kernel 10 ms
 * after it is freed: on a loaded machine the next picture came later than that, and drew into fresh
 * pages again (2 300 page faults for a chart at 1200 px). Kept for a second, a burst of pictures
 * reuses the same memory; an operator's own setting wins.
 *
 * Imported before resvg, and by the main thread before it starts render threads: a thread's changes
 * to `process.env` do not reach native modules, the main thread's do.
 */
process.env.MIMALLOC_PURGE_DELAY ??= '1000';
