// Figures as people read them: money with its currency, durations in minutes or hours, ratios as percent.
export function figure(value, unit, currency) {
  const n = Number(value);
  if (currency) {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(n);
  }
  if (unit === 'seconds') {
    if (n < 90) return `${Math.round(n)} s`;
    if (n < 5400) return `${Math.round(n / 60)} min`;
    return `${(n / 3600).toFixed(1)} h`;
  }
  if (unit === 'ratio') return `${Math.round(n * 100)}%`;
  return new Intl.NumberFormat().format(n);
}

export function when(instant) {
  return instant ? new Date(instant).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}
