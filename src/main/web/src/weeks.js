// ISO weeks ("2026-W47"), as the API names them.
export function isoWeek(date) {
  const d = new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((d - yearStart) / 86400000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week, as a UTC date. */
function monday(week) {
  const [year, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const start = new Date(jan4);
  start.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (w - 1) * 7);
  return start;
}

export function shiftWeek(week, by) {
  const d = monday(week);
  d.setUTCDate(d.getUTCDate() + 7 * by + 3);
  return isoWeek(new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** Last week: the one weekly recaps are drafted for. */
export function lastWeek(now = new Date()) {
  return shiftWeek(isoWeek(now), -1);
}

export function weekLabel(week) {
  const start = monday(week);
  const end = new Date(start);
  end.setUTCDate(start.getUTCDate() + 6);
  const f = (d) => d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${week} · ${f(start)} – ${f(end)}`;
}

export const WEEK = /^\d{4}-W\d{2}$/;
