/**
 * Sends the federation snapshot to the language server as changes: the whole snapshot once, then only what
 * differs from the last one sent (nothing when nothing did: pod churn leaves the snapshot as it was). A
 * server that lost track (restarted, or missed a version) asks for the whole again.
 */
import { diffSnapshot } from '../federation/snapshotDelta';
import type { FederationSnapshot, FederationSnapshotDelta } from '../protocol';

export interface SnapshotTransport {
  whole(snapshot: FederationSnapshot): void;
  delta(delta: FederationSnapshotDelta): void;
}

export class SnapshotSender {
  private last: FederationSnapshot | undefined;
  private version = 0;

  constructor(private readonly transport: SnapshotTransport) {}

  send(snapshot: FederationSnapshot): void {
    const previous = this.last;
    if (!previous) return this.sendWhole(snapshot);
    const delta = diffSnapshot(previous, snapshot, this.version, this.version + 1);
    if (!delta) return;
    this.version = delta.version;
    this.last = { ...snapshot, version: this.version };
    this.transport.delta(delta);
  }

  /** The whole of the last snapshot again, as the server asked. */
  resync(): void {
    if (this.last) this.sendWhole(this.last);
  }

  /** The whole snapshot, whatever was sent before (a server that just started holds none). */
  sendWhole(snapshot: FederationSnapshot): void {
    this.version++;
    this.last = { ...snapshot, version: this.version };
    this.transport.whole(this.last);
  }
}
