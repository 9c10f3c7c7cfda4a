import { Injectable } from '@nestjs/common';

/** The instant a claim is filed or reviewed at: windows are judged by it (a test may move it, periods last months). */
@Injectable()
export class IncentiveClock {
  now(): Date {
    return new Date();
  }
}
