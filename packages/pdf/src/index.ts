/**
 * PDF documents with Chinese text (#15): the CJK typesetter over pdfkit with the unicode-range
 * subsets of Noto Sans SC, and a reader of a PDF's text layer (for tests of what a document says).
 * Used by venue posters now; certificates, release notices and bulletins next.
 */
export {
  REPLACEMENT,
  SubsetFontFamily,
  fontPackageDir,
  loadSubset,
  loadSubsetSync,
  type FontSubset,
  type FontWeight,
  type TextRun,
} from './noto-sans-sc.js'
export {
  Typesetter,
  breakUnits,
  type FitOptions,
  type Line,
  type Piece,
  type TextBlock,
} from './typesetter.js'
export { readPdfText, parseToUnicode, type PdfTextLayer } from './pdf-text.js'
