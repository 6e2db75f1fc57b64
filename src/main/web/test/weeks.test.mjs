// ISO weeks as the API names them, across year ends and 53-week years.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoWeek, lastWeek, shiftWeek, weekLabel } from '../src/weeks.js';

test('a date belongs to the ISO week of its Thursday', () => {
  assert.equal(isoWeek(new Date(2026, 0, 1)), '2026-W01'); // Thursday
  assert.equal(isoWeek(new Date(2027, 0, 1)), '2026-W53'); // Friday of 2026's 53rd week
  assert.equal(isoWeek(new Date(2025, 11, 29)), '2026-W01'); // Monday before New Year
  assert.equal(isoWeek(new Date(2026, 10, 29)), '2026-W48'); // a Sunday ends its week
});

test('weeks step across year ends, 53-week years included', () => {
  assert.equal(shiftWeek('2026-W53', 1), '2027-W01');
  assert.equal(shiftWeek('2027-W01', -1), '2026-W53');
  assert.equal(shiftWeek('2025-W52', 1), '2026-W01');
  assert.equal(shiftWeek('2026-W10', -10), '2025-W52');
});

test('last week is the one recaps are drafted for', () => {
  assert.equal(lastWeek(new Date(2026, 11, 1)), '2026-W48');
  assert.equal(lastWeek(new Date(2026, 0, 4)), '2025-W52'); // Sunday of 2026-W01
});

test('a week is labelled with its Monday and Sunday', () => {
  assert.match(weekLabel('2026-W48'), /^2026-W48 · .*23.* – .*29/);
});
