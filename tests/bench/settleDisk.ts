import { execFileSync } from 'node:child_process';

/**
 * Waits until everything written so far is on the disk (`sync`), so one measurement does not pay
 * for the write-back of the one before it (a deleted 100 MB attachment, the panic suite's
 * gigabyte of files). Called between suites and before each timed file-writing run; never timed.
 * It forks this process: every page written afterwards takes a copy-on-write fault once, so
 * buffers a timed run will write to (the renderer pieces) are made after it, never before.
 */
export function settleDisk(): void {
  execFileSync('sync', { stdio: 'ignore' });
}
