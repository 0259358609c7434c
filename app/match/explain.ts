/**
 * One-line explanations of a match decision for the analyst, from the stored per-signal contributions
 * (bits of evidence): the strongest signals for and against, and the probability.
 */
import type { Assignment } from './assign';
import type { Contribution } from './model';

function pct(p: number): string {
  if (p >= 0.9995 && p < 1) return '>99.9%';
  if (p > 0 && p < 0.0005) return '<0.1%';
  return `${(p * 100).toFixed(1)}%`;
}

function signal(c: Contribution): string {
  return `${c.label.toLowerCase()} ${(c.level ?? '').replace(/_/g, ' ')} (${c.bits >= 0 ? '+' : ''}${c.bits.toFixed(1)} bits)`;
}

/** The top `n` signals for and against a candidate (priors left out). */
export function topSignals(contributions: readonly Contribution[], n = 3): { pro: Contribution[]; con: Contribution[] } {
  const evidence = contributions.filter((c) => c.stage !== 'prior' && c.level !== null && Math.abs(c.bits) >= 0.05);
  const pro = evidence.filter((c) => c.bits > 0).sort((a, b) => b.bits - a.bits).slice(0, n);
  const con = evidence.filter((c) => c.bits < 0).sort((a, b) => a.bits - b.bits).slice(0, n);
  return { pro, con };
}

export function explainAssignment(a: Assignment, best: readonly Contribution[] | undefined, bestName: string | null): string {
  const target = a.odoo.length > 0 ? `Odoo #${a.odoo.join(' + #')}${bestName ? ` "${bestName.slice(0, 80)}"` : ''}` : '';
  const links = a.linkKind === 'phases' ? ' (phases of one deal)' : a.linkKind === 'duplicate' ? ' (duplicate Odoo records of one deal)' : '';
  const s = best ? topSignals(best) : { pro: [], con: [] };
  const why = [s.pro.length > 0 ? `for: ${s.pro.map(signal).join(', ')}` : '', s.con.length > 0 ? `against: ${s.con.map(signal).join(', ')}` : ''].filter((x) => x).join('; ');
  if (a.decidedBy === 'analyst') return a.status === 'matched' ? `Accepted by an analyst: ${target}.` : 'No match, decided by an analyst.';
  if (a.status === 'matched') return `Matched to ${target}${links} with ${pct(a.probability)}${why ? `; ${why}` : ''}.`;
  if (a.status === 'no_match') {
    // Candidates compared but none kept: name the best one the signals below belong to (not "no candidate").
    const nearest = target ? `; best candidate ${target} ${pct(a.probability)}` : best ? `; best candidate${bestName ? ` "${bestName.slice(0, 80)}"` : ''}` : ' (no candidate)';
    return `No match: ${pct(a.none)} that no Odoo opportunity is this deal${nearest}${why ? ` (${why})` : ''}.`;
  }
  const conflict = a.conflict ? ` Odoo #${a.conflict.odoo} is also claimed by ${a.conflict.ace}, with a higher probability.` : '';
  return `Review: best candidate ${target}${links} at ${pct(a.probability)}, no match ${pct(a.none)}${why ? `; ${why}` : ''}.${conflict}`;
}
