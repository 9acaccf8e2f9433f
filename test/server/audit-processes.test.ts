/**
 * The spare audit process is started when no run is under way: not beside an audit (it would take
 * a core from it), nor while a finished audit's reports are being stored (issue 9).
 */
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS, JobProcesses } from '../../src/server/audit-process.js';

describe('spare audit process', () => {
  it('is started once the run has ended, not when its process exits', async () => {
    const processes = new JobProcesses(DEFAULT_BUDGETS);
    try {
      processes.warm();
      expect(processes.hasSpare).toBe(true);
      processes.begun();
      const { child } = processes.take();
      expect(processes.hasSpare).toBe(false);
      child.kill('SIGKILL');
      await once(child, 'exit');
      // The audit's process is gone, its reports are still being stored: no spare yet.
      expect(processes.hasSpare).toBe(false);
      processes.ended();
      expect(processes.hasSpare).toBe(true);
    } finally {
      processes.close();
    }
  });

  it('waits for every run under way', () => {
    const processes = new JobProcesses(DEFAULT_BUDGETS);
    try {
      processes.begun();
      processes.begun();
      processes.take().child.kill('SIGKILL');
      processes.ended();
      expect(processes.hasSpare).toBe(false);
      processes.ended();
      expect(processes.hasSpare).toBe(true);
    } finally {
      processes.close();
    }
  });
});
