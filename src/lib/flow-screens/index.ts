export { buildScreenGraph, withErrorCounts, type EdgeKind, type ScreenEdge, type ScreenGraph, type ScreenNode } from './graph';
export {
  componentKey,
  componentPathOf,
  exampleOf,
  placeErrorsInComponents,
  resolveDynamic,
  textOf,
  type ComponentPath,
  type ErrorPlaces,
} from './components';
export { layoutScreenGraph, type MapLayout } from './layout';
export { inspectFlowScreens, screenOf, summarizeScreens, type FlowInspection, type FlowScreens, type ScreenWanted } from './summary';
export { packScreens, unpackScreens, type PackedScreens } from './transfer';
