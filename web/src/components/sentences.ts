/**
 * The French of the engine's reasons and warnings, from the one renderer. A recorded decision is
 * the exception: it shows the sentences it was recorded with (the API stores them with it), since
 * its params may predate today's codes and a record must read as it was issued.
 */
import { reasonText, warningText } from '../../../src/model/reasons-fr.js';
import type { Reason, Warning } from '../types.js';

const recordedText = (x: object): string | undefined => ('text' in x && typeof x.text === 'string' ? x.text : undefined);

export function sentences(recorded: boolean) {
  return {
    reason: (r: Reason) => (recorded ? recordedText(r) : undefined) ?? reasonText(r),
    warning: (w: Warning) => (recorded ? recordedText(w) : undefined) ?? warningText(w),
  };
}
