import { EventEmitter } from 'node:events';
import { createLogger } from './logging/logger';
import { LogCapture } from './test-support/test-app';
import { installLastResort, isContained, type GuardedProcess } from './process-guard';

class FakeProcess extends EventEmitter implements GuardedProcess {
  readonly exits: number[] = [];
  exit(code: number): void {
    this.exits.push(code);
  }
}

function guarded() {
  const logs = new LogCapture();
  const proc = new FakeProcess();
  let t = 0;
  installLastResort(createLogger({ level: 'info', destination: logs }), proc, { now: () => (t += 10) });
  return { logs, proc };
}

const streamError = () => Object.assign(new Error('Stream has been aborted'), { name: 'MongoAPIError' });

describe('process-level last resort', () => {
  it('when a promise rejection or a stream error reaches the top, then it is logged and the process keeps serving', () => {
    const { logs, proc } = guarded();
    proc.emit('unhandledRejection', new Error('lost'));
    proc.emit('uncaughtException', streamError());
    proc.emit('uncaughtException', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(proc.exits).toEqual([]);
    expect(logs.lines.map((l) => l.level)).toEqual([50, 50, 50]);
    expect(logs.raw.join('\n')).toContain('Stream has been aborted');
  });

  it('when a programming error reaches the top, then it is logged as fatal and the process exits with 1 for the supervisor to restart', () => {
    const { logs, proc } = guarded();
    proc.emit('uncaughtException', new TypeError('cannot read properties of undefined'));
    expect(proc.exits).toEqual([1]);
    expect(logs.lines[0]?.level).toBe(60);
  });

  it('when contained errors come in a burst (more than 50 a minute), then the process exits rather than limp on', () => {
    const { proc } = guarded();
    for (let i = 0; i < 50; i += 1) proc.emit('uncaughtException', streamError());
    expect(proc.exits).toEqual([]);
    proc.emit('uncaughtException', streamError());
    expect(proc.exits).toEqual([1]);
  });

  it('classifies network and driver errors as contained, and anything else not', () => {
    expect(isContained(Object.assign(new Error('x'), { code: 'EPIPE' }))).toBe(true);
    expect(isContained(Object.assign(new Error('x'), { name: 'MongoNetworkError' }))).toBe(true);
    expect(isContained(new RangeError('x'))).toBe(false);
    expect(isContained('a string')).toBe(false);
  });
});
