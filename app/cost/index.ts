/** Pure cost explorer logic (money, periods, movers, chart options); see each file's invariants. */
export * from './money';
export * from './periods';
export * from './movers';
export * from './review-view';
