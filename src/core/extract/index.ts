/** Figures (and, in structure.ts, document structure) read out of report text. Pure: no I/O. */
export { extractFigures, type ExtractOptions, type FigureCandidate, type RegionRef } from './figures';
export { IndicatorMatcher, foldName, unitDimension, type IndicatorRef } from './match';
export { normalise, inputSpan, type NormalisedText } from './normalize';
export { parseGold, score, scaled, type GoldFigure, type Score } from './evaluate';

/** The region meant by 全市/我市: a city that has counties or districts under it (咸宁市 in the demo data). */
export function homeRegionOf(
  regions: readonly { id: number; name: string; parentId: number | null; level: string }[],
): string | null {
  return regions.find((r) => r.level === 'city' && regions.some((c) => c.parentId === r.id))?.name ?? null;
}
export { textToDocument, tableFromRows, fullWidthPunctuation, type TextToDocumentOptions } from './structure';
