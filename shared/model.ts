/**
 * The plan model's public surface for the server and the browser: the Yjs schema (init, read,
 * write), the plain JSON format, the commands (the only writers of a live doc) and the pure
 * domain code (scoring, validation, budgets, tree). Import from here rather than from the files.
 */
export * from './schema/types.js';
export { ROOT, SCHEMA_VERSION, metaMap } from './schema/roots.js';
export { INIT_ORIGIN, initPlan, type PlanInit } from './schema/init.js';
export { readPlan, readPlanOfStateV2, readTitle } from './schema/read.js';
export { writePlan } from './schema/write.js';
export { parsePlanJson, MAX_JSON_CHARS, type ParseResult, type Problem } from './schema/parse.js';
export { canonicalPlan } from './schema/canonical.js';
export { ENTITIES, type EntityDef, type EntityName, type Field, type Scalar } from './schema/registry.js';
export { planJsonSchema, PLAN_SCHEMA_ID } from './schema/json-schema.js';
export { isOrigin, localOrigin, type Origin } from './schema/origins.js';
export { DEFAULT_CRITERIA, DEFAULT_SECTIONS } from './schema/defaults.js';
export { LIMITS } from './schema/values.js';
export { ok, fail, type Result, type CommandError } from './result.js';

export * from './commands/text.js';
export { setField, archive, restore, type MapEntity } from './commands/entity.js';
export { setPlanField, type PlanField } from './commands/meta.js';
export * from './commands/participants.js';
export * from './commands/criteria.js';
export * from './commands/scores.js';
export * from './commands/nodes.js';
export * from './commands/indicators.js';
export * from './commands/reviews.js';
export * from './commands/sections.js';
export * from './commands/bin.js';
export * from './commands/stages.js';
export * from './commands/people.js';
export * from './commands/funding.js';
export * from './commands/consult.js';

export { rankGoals, type Ranking, type RankOptions, type GoalRanking, type CriterionResult, type GroupSpread, type RankingWarning } from './domain/scoring.js';
export { validatePlan, compareIssues, type Issue, type IssueEntity, type Severity } from './domain/validation.js';
export { rollupBudget, type BudgetRollup, type BudgetLine, type NodeBudget, type GoalBudget, type BudgetOptions, type ConvertedLine, type FundingLineBudget, type FiscalYearBudget } from './domain/budget.js';
export { converterFor, convertList, rateInForce, formatRate, fiscalYear, fiscalYearOf, splitByFiscalYear, type Converter, type RateInForce, type FiscalYear } from './domain/currency.js';
export { effectiveLines, linesByActivity, donorFundingLines, SOURCE_LABELS, UNNAMED_FUNDER, type EffectiveLine, type FundingSummary, type SourceRow, type DonorSource, type DonorLine } from './domain/funding.js';
export { buildForest, nodeCodes, rowLabel, indexNodes, liveNodeIds, type Forest, type TreeNode, type Orphan, type RowCode } from './domain/tree.js';
export { archivedItems, liveDescendants, type BinEntity, type BinItem } from './domain/archive.js';
export { keyBetween, compareOrder, isOrderKey } from './domain/order.js';
export * from './domain/stages.js';
export * from './domain/representation.js';
export { parentKindOf, childKindOf, isMeasurable } from './domain/levels.js';
export * from './domain/sectors.js';
export * from './commands/sectors.js';
export * from './domain/library.js';
export * from './domain/library-all.js';
export { BUILT_IN_LIBRARY, GFMD_ACTIVITIES, HANDBOOK_EXAMPLES } from './domain/library-data.js';
export * from './commands/library.js';
export * from './domain/consult.js';
