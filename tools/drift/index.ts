export { EXIT, main, USAGE } from "./cli";
export type { CliIo } from "./cli";
export { buildReport, hasDrift, isStatefulType, parseUrn } from "./model";
export type { DriftReport, PropertyChange, ResourceChange } from "./model";
export { DANGER, renderMarkdown } from "./render";
export { parsePreview, PreviewInputError } from "./schema";
export type { PreviewDigest, PreviewStep } from "./schema";
export { fitSections, GITHUB_COMMENT_LIMIT } from "./truncate";
