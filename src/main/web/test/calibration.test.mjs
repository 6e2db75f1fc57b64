// The calibration view's pure parts: the default period and the URL's period.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPeriod, periodOf } from '../src/calibration.js';

test('the default period is the 13 weeks up to last Sunday', () => {
  assert.deepEqual(defaultPeriod(new Date(2026, 11, 1)), { from: '2026-08-31', to: '2026-11-29' });
  assert.deepEqual(defaultPeriod(new Date(2026, 10, 29)), { from: '2026-08-24', to: '2026-11-22' }, 'on a Sunday, the week before');
});

test('a period in the URL is used only when both dates are dates', () => {
  assert.deepEqual(periodOf(['calibration', '2026-07-01', '2026-09-30']), { from: '2026-07-01', to: '2026-09-30' });
  assert.deepEqual(periodOf(['calibration', '2026-07-01', 'soon'], ), defaultPeriod());
});
