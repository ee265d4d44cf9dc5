/** Figures (and, in structure.ts, document structure) read out of report text. Pure: no I/O. */
export { extractFigures, type ExtractOptions, type FigureCandidate, type RegionRef } from './figures';
export { IndicatorMatcher, foldName, unitDimension, type IndicatorRef } from './match';
export { normalise, inputSpan, type NormalisedText } from './normalize';
export { parseGold, score, scaled, type GoldFigure, type Score } from './evaluate';
