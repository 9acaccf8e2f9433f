/**
 * Runs one audit in a child process (audit-job.ts) held to a time budget and a memory budget:
 * past either, the process is killed and the audit ends `failed` with a French reason. A child
 * process rather than a worker thread: a file that makes V8 abort (a fatal error is not an
 * exception) or exhausts memory takes down that process only, never the server's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AuditSummary } from '../roster/audit.js';
import type { JobMessage, JobRequest } from './audit-job.js';

export interface Budgets {
  /** Wall-clock time of one run, in ms. */
  timeMs: number;
  /** Resident memory of the run's process, in MiB (its JavaScript heap is held below it). */
  memoryMb: number;
}

export const DEFAULT_BUDGETS: Budgets = { timeMs: 10 * 60_000, memoryMb: 512 };

export type RunEnd =
  | { status: 'done'; summary: AuditSummary; headers: string[] }
  /** `internal`: not the file's fault (logged, told in general terms). */
  | { status: 'failed'; error: string; internal?: string }
  | { status: 'stopped' };

export type Progress = Extract<JobMessage, { type: 'progress' }>;

/** The JavaScript heap's share of the memory budget: the rest goes to code, buffers and the young generation. */
export function heapLimitMb(memoryMb: number): number {
  return Math.max(32, Math.floor(memoryMb * 0.75));
}

/** Resident memory of a process in MiB, from /proc (Linux); undefined elsewhere or once it has ended. */
export function residentMb(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** A budget's time in French words: « 90 secondes », « 10 minutes ». */
export function budgetTime(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 ? `${Math.round(s / 60)} minutes` : `${s} secondes`;
}

export function timeMessage(budgets: Budgets): string {
  return `L’audit a dépassé le temps qui lui est accordé (${budgetTime(budgets.timeMs)}) et a été arrêté. Découpez le fichier en plusieurs listes plus petites (ou enregistrez-le en CSV), puis envoyez-les de nouveau.`;
}

export function memoryMessage(budgets: Budgets): string {
  return `L’audit a dépassé la mémoire qui lui est accordée (${budgets.memoryMb} Mo) et a été arrêté. Le fichier est trop lourd à lire : enregistrez-le en CSV ou découpez-le en plusieurs listes, puis envoyez-le de nouveau.`;
}

export const CRASH_MESSAGE =
  'La lecture du fichier a arrêté brutalement le processus d’audit ; l’audit n’est pas relancé automatiquement, pour protéger le service. Vérifiez le fichier (ou enregistrez-le en CSV), puis envoyez-le de nouveau.';

/**
 * A job's own process (`audit-job`, `report-job`), its heap held under the memory budget. Built
 * code runs the built job; tests run the TypeScript one through tsx's loader.
 */
export function forkBudgeted(job: 'audit-job' | 'report-job', budgets: Budgets): { child: ChildProcess; stderr: () => string } {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./${job}.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const child = fork(entry, [], {
    execArgv: [...(fromSource ? ['--import', 'tsx'] : []), `--max-old-space-size=${heapLimitMb(budgets.memoryMb)}`],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  // Its last words: `outOfMemory` tells a heap exhausted from another crash, the log shows the rest.
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  return { child, stderr: () => stderr };
}

const forkJob = (budgets: Budgets) => forkBudgeted('audit-job', budgets);

/** Whether a process's last words on stderr are V8's at its heap limit: an out-of-memory, not another crash. */
export function outOfMemory(lastWords: string): boolean {
  return /heap limit|out of memory|allocation failed/i.test(lastWords);
}

/** Holds `child` to its budgets: `kill` when time runs out or its memory goes over; returns the stop of the watch. */
export function watchBudgets(child: ChildProcess, budgets: Budgets, kill: (why: 'time' | 'memory') => void): () => void {
  const timer = setTimeout(() => kill('time'), budgets.timeMs);
  const watch = setInterval(() => {
    const rss = child.pid === undefined ? undefined : residentMb(child.pid);
    if (rss !== undefined && rss > budgets.memoryMb) kill('memory');
  }, 200);
  return () => {
    clearTimeout(timer);
    clearInterval(watch);
  };
}

/**
 * Audit processes, one started ahead of need: a process takes about a second to load the
 * catalogue (several under load), which a queued audit need not wait for. The first is started
 * with the queue (the first audit once paid two cold starts at once: its own and the next
 * spare's); the next one when no run is under way (`begun` … `ended`).
 */
export class JobProcesses {
  private spare: ReturnType<typeof forkJob> | undefined;
  private closed = false;
  /** Runs begun and not yet ended. */
  private running = 0;

  constructor(private readonly budgets: Budgets) {}

  /** Starts the spare, if there is none (at start-up, and after each run). */
  warm(): void {
    if (this.closed || this.spare) return;
    this.spare = forkJob(this.budgets);
    // An idle spare does not keep the process alive.
    this.spare.child.unref();
    this.spare.child.channel?.unref();
    (this.spare.child.stderr as unknown as { unref?: () => void }).unref?.();
  }

  /** Whether a spare is started (for tests). */
  get hasSpare(): boolean {
    return this.spare !== undefined;
  }

  /** A started process (the spare when it is alive). */
  take(): ReturnType<typeof forkJob> {
    const s = this.spare;
    this.spare = undefined;
    const alive = s && s.child.exitCode === null && s.child.signalCode === null && s.child.connected;
    if (s && !alive) s.child.kill('SIGKILL');
    return alive ? s : forkJob(this.budgets);
  }

  /** A run begins: no spare starts until it has ended, its reports stored. */
  begun(): void {
    this.running++;
  }

  /**
   * A run has ended: the next spare is started once none is under way. Started as soon as a
   * process was taken, it loaded beside the audit that took its place — half a second of
   * processor taken from that audit on two cores (a million-row audit, issue 9); started when the
   * audit's process ended, it loaded while the reports were being stored in PostgreSQL. A run
   * claimed while another is under way starts cold instead (about half a second, once).
   */
  ended(): void {
    this.running = Math.max(0, this.running - 1);
    if (this.running === 0) this.warm();
  }

  close(): void {
    this.closed = true;
    this.spare?.child.kill('SIGKILL');
    this.spare = undefined;
  }
}

export class AuditProcess {
  readonly result: Promise<RunEnd>;
  private readonly child: ChildProcess;
  private reason: 'time' | 'memory' | 'stopped' | undefined;

  constructor(processes: JobProcesses, request: JobRequest, budgets: Budgets, onProgress: (p: Progress) => void) {
    const { child, stderr: lastWords } = processes.take();
    this.child = child;
    child.ref();
    child.channel?.ref();
    (child.stderr as unknown as { ref?: () => void }).ref?.();
    let answer: JobMessage | undefined;
    const kill = (reason: 'time' | 'memory' | 'stopped') => {
      this.reason ??= reason;
      child.kill('SIGKILL');
    };
    const unwatch = watchBudgets(child, budgets, kill);
    this.result = new Promise<RunEnd>((resolve) => {
      child.on('message', (m: JobMessage) => {
        if (m.type === 'progress') onProgress(m);
        else answer = m;
      });
      child.once('error', () => kill('stopped'));
      child.once('exit', (code, signal) => {
        unwatch();
        if (this.reason === 'stopped') resolve({ status: 'stopped' });
        else if (this.reason === 'time') resolve({ status: 'failed', error: timeMessage(budgets) });
        else if (this.reason === 'memory' || outOfMemory(lastWords())) resolve({ status: 'failed', error: memoryMessage(budgets) });
        else if (answer?.type === 'done') resolve({ status: 'done', summary: answer.summary, headers: answer.headers });
        else if (answer?.type === 'failed' && answer.input) resolve({ status: 'failed', error: answer.message });
        else if (answer?.type === 'failed') resolve({ status: 'failed', error: 'Erreur interne pendant l’audit ; elle a été enregistrée. Relancez l’audit ou signalez le problème.', internal: answer.message });
        else resolve({ status: 'failed', error: CRASH_MESSAGE, internal: `code ${code}, signal ${signal}: ${lastWords().slice(-500)}` });
      });
    });
    child.send(request);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Kills the run (cancelled, or the instance is stopping); `result` resolves `stopped`. */
  stop(): void {
    this.reason ??= 'stopped';
    this.child.kill('SIGKILL');
  }
}
