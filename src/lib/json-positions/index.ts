export type { JsonPath, LocatedError, LocatedHow, Range } from './types';
export { lineStartOffsets, lineEndOffset, lineRange, lineIndexAt, offsetToLineColumn } from './lines';
export { parseFlowPath, formatFlowPath, screenOfPath } from './path';
export { locatePaths, pathsAtOffsets, type PathAtOffset } from './locate-paths';
export { locateErrors, locateByPointerPaths, pointerPaths, positionOf, screenOfError } from './locate';
export { formatFlowJson, relocateByPath } from './format';
export { findJsonSyntaxError, type JsonSyntaxError } from './syntax';
export { screenIdsOf } from './screens';
