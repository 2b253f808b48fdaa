import { Injectable } from '@nestjs/common';

/** Whether this instance should receive traffic: readiness turns false first on shutdown. */
@Injectable()
export class Lifecycle {
  private draining = false;

  startDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }
}
